// electron-builder.yml is checked without building an installer (Electron cannot be downloaded
// here): parsed with the YAML library electron-builder itself uses, validated against its own JSON
// schema with ajv, and loaded through its own configuration loader and validator.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/temp.js';

const builderRequire = createRequire(path.join(ROOT, 'node_modules', 'app-builder-lib', 'package.json'));
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const schema = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'),
) as object;
const CONFIG_FILE = path.join(ROOT, 'electron-builder.yml');

interface BuilderConfig {
  appId: string;
  productName: string;
  asar: boolean;
  asarUnpack: string[];
  extraResources: Array<{ from: string; to: string }>;
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string };
  win: { target: Array<{ target: string; arch: string[] }>; icon: string };
  mac: { target: Array<{ target: string; arch: string[] }>; icon: string };
}

const config = yaml.load(fs.readFileSync(CONFIG_FILE, 'utf8')) as BuilderConfig;
// Formats such as "uri" are not declared by the schema; electron-builder validates without them too.
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own JSON schema", () => {
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would be refused by the same schema if it were wrong', () => {
    expect(validate({ ...config, electronFuses: { runAsNode: 'off' } })).toBe(false);
    expect(validate({ ...config, linux: { ...config.linux, targets: ['AppImage'] } })).toBe(false);
    expect(validate({ ...config, appID: 'typo' })).toBe(false);
  });

  it("loads through electron-builder's own loader and validator", async () => {
    const loader = builderRequire('./out/util/config/config.js') as {
      getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<object>;
      validateConfiguration(config: object, logger: { isEnabled: boolean }): Promise<void>;
    };
    const loaded = await loader.getConfig(ROOT, CONFIG_FILE, null);
    expect(loaded).toMatchObject({ appId: config.appId });
    await expect(loader.validateConfiguration(loaded, { isEnabled: false })).resolves.toBeUndefined();
  });

  it('builds AppImage + deb, an NSIS installer, and DMGs for Intel and Apple silicon', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.productName).toBe('Vigil');
  });

  it('packs into asar with native modules unpacked and resources/ beside it', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['node_modules/better-sqlite3/**/*', 'node_modules/@tensorflow/tfjs-node/**/*']),
    );
    expect(config.extraResources).toEqual([expect.objectContaining({ from: 'resources', to: 'resources' })]);
  });

  it('sets the Electron fuses: no RunAsNode, app only from asar, cookies encrypted', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
    });
  });

  it('points at icons that exist, with the sizes each platform needs', () => {
    for (const icon of [config.win.icon, config.mac.icon])
      expect(fs.existsSync(path.join(ROOT, icon)), icon).toBe(true);
    const linuxIcons = fs.readdirSync(path.join(ROOT, config.linux.icon));
    expect(linuxIcons).toEqual(
      expect.arrayContaining(['16x16.png', '32x32.png', '256x256.png', '512x512.png']),
    );
    // PNG width lives in bytes 16..19 of the IHDR chunk; macOS needs at least 512, we ship 1024.
    expect(fs.readFileSync(path.join(ROOT, config.mac.icon)).readUInt32BE(16)).toBe(1024);
  });
});
