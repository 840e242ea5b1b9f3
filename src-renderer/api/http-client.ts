import {
  type ArgsOf,
  type OperationName,
  operations,
  type PageApi,
  pageOperationNames,
  type ResultOf,
} from '../../src-shared/api.js';
import { unwrapAnswer } from './answer.js';

/** POSTs JSON to a serve-mode endpoint and unwraps its `{ ok, value | error }` answer. */
export async function postJson(url: string, args: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args ?? {}),
    });
  } catch {
    throw new Error('Cannot reach the Vigil server. Was it stopped?');
  }
  return unwrapAnswer(response.status, await response.text());
}

/** One generic call for every page operation: POST the arguments, check the result against its schema. */
async function call<K extends OperationName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
  return operations[name].result.parse(await postJson(`/api/${name}`, args)) as ResultOf<K>;
}

/** `eventsOpened`: no question leaves before the event stream is open (http-events.ts says why). */
export function createHttpApi(eventsOpened: () => Promise<void>): PageApi {
  const api: Partial<Record<OperationName, (args: never) => Promise<unknown>>> = {};
  for (const name of pageOperationNames)
    api[name] = async (args: ArgsOf<typeof name>) => {
      await eventsOpened();
      return call(name, args);
    };
  return api as PageApi;
}
