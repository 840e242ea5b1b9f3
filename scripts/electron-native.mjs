import path from 'node:path';

/** Where the Electron-ABI build of better-sqlite3 lives (the Node build stays for the CLI and tests). */
export function electronNativeBinding(root, electronVersion) {
  return path.join(
    root,
    'node_modules',
    '.vigil-native',
    `electron-${electronVersion}`,
    'better_sqlite3.node',
  );
}
