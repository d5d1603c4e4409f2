import { MemoryBackend } from '../../../src/lib/store/memory-backend.ts';
import { describeBackend } from './backend-suite.ts';

describeBackend('memory', async () => new MemoryBackend(), async (quota) => new MemoryBackend(quota));
