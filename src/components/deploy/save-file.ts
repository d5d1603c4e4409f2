// Saving bytes made in a worker as a file: a Blob behind an object URL, clicked through a link as a user
// would, and revoked once the browser has taken it (the CSP keeps fetch off blob: URLs, downloads work).

/** Lets the browser save `bytes` as `fileName`; the object URL is revoked a little later. */
export function saveFile(bytes: Uint8Array, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty to hand it over.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
