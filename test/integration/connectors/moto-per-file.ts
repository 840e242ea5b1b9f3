import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Moto, startMoto } from './moto.js';

/**
 * One moto_server for the test file: started before its first test, emptied before each, stopped
 * after the last. Returns the running server (read it inside tests and hooks).
 */
export function motoPerFile(): () => Moto {
  let moto: Moto | undefined;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => {
    await moto?.stop();
  });
  beforeEach(async () => {
    await moto!.reset();
  });
  return () => moto!;
}
