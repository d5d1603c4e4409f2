import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element to mount mlpad into.');

export default mount(App, { target });

// Production builds only: the service worker (dist/sw.js, written by scripts/vite-precache.ts) caches the studio
// so it works offline after the first visit; the dev server must never be shadowed by a cache.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  addEventListener('load', () => {
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL }).catch((e: unknown) => {
      console.warn(`mlpad: offline use is unavailable (${e instanceof Error ? e.message : String(e)}).`);
    });
  });
}
