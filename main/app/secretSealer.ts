// The channel secrets file sealed with the OS keychain through Electron's safeStorage (Keychain on macOS,
// DPAPI on Windows, libsecret/kwallet on Linux). Only after `ready`: safeStorage is not usable before it.
import { safeStorage } from 'electron';
import type { SecretSealer } from '../server/channels/secrets.ts';

/** A safeStorage sealer, or undefined where the OS has no keychain (the hub then keeps its 0600 file). */
export function safeStorageSealer(): SecretSealer | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  // Linux without a keyring falls back to a key hard-coded in Chromium: that hides nothing from anyone who
  // can read the file, and would only lock the headless hub out of it.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    name: 'electron-safe-storage',
    seal: (plaintext) => safeStorage.encryptString(plaintext),
    unseal: (sealed) => safeStorage.decryptString(sealed),
  };
}
