// A faithful-enough `electron` for tests (the runtime cannot be downloaded here), aliased in
// vitest.config.ts. It keeps what the app registers (handlers, options, menus) so tests can drive
// them, and routes ipcRenderer.invoke to ipcMain.handle the way Electron does. `fake` resets it.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

type Listener = Parameters<EventEmitter['on']>[1];

/** A main-process event as Electron passes it to `will-navigate` and friends. */
export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;

type BeforeRequestListener = (
  details: { url: string },
  callback: (answer: { cancel?: boolean }) => void,
) => void;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  beforeRequest: BeforeRequestListener | null = null;
  webRequest = {
    onHeadersReceived: (_listener: unknown) => undefined,
    onBeforeRequest: (listener: BeforeRequestListener | null) => {
      this.beforeRequest = listener;
    },
  };
  /** Asks the onBeforeRequest listener, as the network stack would; true when the request may go. */
  allowsRequest(url: string): boolean {
    let cancel = false;
    this.beforeRequest?.({ url }, (answer) => {
      cancel = answer.cancel === true;
    });
    return !cancel;
  }
  setPermissionRequestHandler(handler: PermissionRequestHandler | null) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: ((...args: unknown[]) => boolean) | null) {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: ((...args: unknown[]) => boolean) | null) {
    this.devicePermissionHandler = handler;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly session: FakeSession;
  readonly mainFrame: FakeFrame;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  readonly printed: Array<Record<string, unknown>> = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  destroyed = false;

  constructor(session: FakeSession, url = '') {
    super();
    this.session = session;
    this.mainFrame = new FakeFrame(url);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
    fake.rendererBus.emit(channel, { sender: this }, payload);
  }
  getURL() {
    return this.mainFrame.url;
  }
  /** Like Chromium, prints the loaded page: the "PDF" is a marker followed by the loaded file's text. */
  async printToPDF(options: Record<string, unknown>) {
    this.printed.push(options);
    const url = this.getURL();
    const page = url.startsWith('file:') ? fs.readFileSync(fileURLToPath(url)) : Buffer.from(url);
    return Buffer.concat([Buffer.from('%PDF-fake\n'), page]);
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** Emits like Electron: a fresh event first, then the arguments; returns the event. */
  dispatch(name: string, ...args: unknown[]): FakeEvent {
    const event = new FakeEvent();
    this.emit(name, event, ...args);
    return event;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  readonly webContents: FakeWebContents;
  readonly loaded: string[] = [];
  focused = true;
  minimized = false;
  destroyed = false;
  title: string;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    this.title = String(options.title ?? '');
    const preferences = (options.webPreferences ?? {}) as { session?: FakeSession };
    this.webContents = new FakeWebContents(preferences.session ?? session.defaultSession);
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  loadURL(url: string) {
    this.loaded.push(url);
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.webContents.destroyed = true;
  }
  isFocused() {
    return this.focused;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  focus() {
    this.focused = true;
  }
  show() {}
  setTitle(title: string) {
    this.title = title;
  }
}

class FakeApp extends EventEmitter {
  userData = '';
  hasLock = true;
  quitCalls = 0;
  isPackaged = false;
  requestSingleInstanceLock() {
    return this.hasLock;
  }
  whenReady() {
    return Promise.resolve();
  }
  getPath(name: string) {
    if (name !== 'userData') throw new Error(`fake electron: getPath(${name}) not faked`);
    return this.userData;
  }
  getAppPath() {
    return process.cwd();
  }
  getVersion() {
    return '0.0.0-test';
  }
  quit() {
    this.quitCalls++;
  }
}

export const app = new FakeApp();
export const session = {
  defaultSession: new FakeSession(),
  partitions: new Map<string, FakeSession>(),
  fromPartition(partition: string) {
    const found = this.partitions.get(partition) ?? new FakeSession();
    this.partitions.set(partition, found);
    return found;
  },
};

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler) {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
};

/** The preload side. `invoke` reaches ipcMain with `fake.invokeAs` as the sender, like a real window. */
export const ipcRenderer = {
  async invoke(channel: string, ...args: unknown[]) {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
    // Electron passes arguments through structured clone: no functions, no prototypes.
    return handler(fake.invokeAs(), ...args.map((arg) => structuredClone(arg)));
  },
  on(channel: string, listener: Listener) {
    fake.rendererBus.on(channel, listener);
    return this;
  },
  removeListener(channel: string, listener: Listener) {
    fake.rendererBus.off(channel, listener);
    return this;
  },
};

/**
 * As Electron's context bridge copies what crosses it: a function's answer is structured-cloned,
 * and an Error it throws or rejects with reaches the page as a new Error with the message alone
 * (its class and any property of its own, such as a refusal's kind, stay behind).
 */
function acrossTheBridge(value: unknown): unknown {
  if (typeof value !== 'function') return value;
  const copyError = (error: unknown) =>
    error instanceof Error ? new Error(error.message) : structuredClone(error);
  return (...args: unknown[]) => {
    let answer: unknown;
    try {
      answer = value(...args);
    } catch (error) {
      throw copyError(error);
    }
    if (!(answer instanceof Promise)) return typeof answer === 'function' ? answer : structuredClone(answer);
    return answer.then(structuredClone, (error: unknown) => {
      throw copyError(error);
    });
  };
}

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    const copied = Object.fromEntries(
      Object.entries(api as Record<string, unknown>).map(([name, value]) => [name, acrossTheBridge(value)]),
    );
    fake.exposed.set(key, copied);
  },
};

/** As Electron: a File from the user's disk (here: with a `path`) has one, a File the page made has ''. */
export const webUtils = {
  getPathForFile: (file: { path?: string; name: string }) => file.path ?? '',
};

type DialogAnswer = Record<string, unknown>;

export const dialog = {
  calls: [] as Array<{ method: string; options: Record<string, unknown> }>,
  answers: [] as DialogAnswer[],
  errors: [] as Array<{ title: string; content: string }>,
  next(method: string, args: unknown[]): DialogAnswer {
    const options = (args.length > 1 ? args[1] : args[0]) as Record<string, unknown>;
    this.calls.push({ method, options });
    return (
      this.answers.shift() ??
      (method === 'showOpenDialog'
        ? { canceled: true, filePaths: [] }
        : method === 'showSaveDialog'
          ? { canceled: true, filePath: '' }
          : { response: 0 })
    );
  },
  async showOpenDialog(...args: unknown[]) {
    return this.next('showOpenDialog', args);
  },
  async showSaveDialog(...args: unknown[]) {
    return this.next('showSaveDialog', args);
  },
  async showMessageBox(...args: unknown[]) {
    return this.next('showMessageBox', args);
  },
  showErrorBox(title: string, content: string) {
    this.errors.push({ title, content });
  },
};

export const shell = {
  opened: [] as string[],
  paths: [] as string[],
  async openExternal(url: string) {
    this.opened.push(url);
  },
  async openPath(path: string) {
    this.paths.push(path);
    return '';
  },
};

export interface FakeMenuItem {
  id?: string;
  label?: string;
  role?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: FakeMenuItem[];
}

export const Menu = {
  application: null as { items: FakeMenuItem[] } | null,
  buildFromTemplate(template: FakeMenuItem[]) {
    return { items: template };
  },
  setApplicationMenu(menu: { items: FakeMenuItem[] } | null) {
    this.application = menu;
  },
};

export class Notification {
  static readonly shown: Array<{ title: string; body: string }> = [];
  static supported = true;
  static isSupported() {
    return Notification.supported;
  }
  constructor(private readonly options: { title: string; body: string }) {}
  show() {
    Notification.shown.push(this.options);
  }
}

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>) {
    this.handlers.set(scheme, handler);
  },
};

/** Test controls: what the preload exposed, the renderer's event bus, who invokes, and a reset. */
export const fake = {
  exposed: new Map<string, unknown>(),
  rendererBus: new EventEmitter(),
  /** The event ipcMain handlers receive; tests point it at a window, a frame, or a stranger. */
  invokeAs: (): unknown => ({ sender: null, senderFrame: null }),
  reset(): void {
    this.exposed.clear();
    this.rendererBus.removeAllListeners();
    this.invokeAs = () => ({ sender: null, senderFrame: null });
    app.removeAllListeners();
    Object.assign(app, { userData: '', hasLock: true, quitCalls: 0, isPackaged: false });
    session.defaultSession = new FakeSession();
    session.partitions.clear();
    BrowserWindow.instances.length = 0;
    ipcMain.handlers.clear();
    dialog.calls.length = 0;
    dialog.answers.length = 0;
    dialog.errors.length = 0;
    shell.opened.length = 0;
    shell.paths.length = 0;
    Menu.application = null;
    Notification.shown.length = 0;
    Notification.supported = true;
    protocol.privileged.length = 0;
    protocol.handlers.clear();
  },
};

export default {
  app,
  session,
  ipcMain,
  ipcRenderer,
  contextBridge,
  webUtils,
  dialog,
  shell,
  Menu,
  Notification,
  protocol,
  BrowserWindow,
};
