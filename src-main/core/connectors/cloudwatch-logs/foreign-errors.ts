// CloudWatch Logs answers errors in JSON. Gateways, proxies and emulators sometimes answer in XML
// or HTML instead, which the SDK reports as an unreadable "Deserialization error"; this reads
// their code and message so the analyst sees what actually went wrong.
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

interface RawResponse {
  statusCode?: number;
  headers?: Record<string, string>;
  body?: AsyncIterable<Uint8Array | string>;
}

const MAX_BODY_CHARS = 64 * 1024;

async function readBody(body: AsyncIterable<Uint8Array | string>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of body) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text.length > MAX_BODY_CHARS) break;
  }
  return text;
}

const tag = (text: string, name: string) =>
  new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1]?.trim() || null;

/** An error named like the SDK's service errors, so one translation table serves both. */
export function foreignError(status: number, text: string): Error {
  const code = tag(text, 'Code') ?? `HTTP${status}`;
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const message = tag(text, 'Message') ?? (plain.slice(0, 200) || `HTTP status ${status}`);
  return Object.assign(new Error(message), { name: code, $metadata: { httpStatusCode: status } });
}

export function addForeignErrorReader(client: CloudWatchLogsClient): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as RawResponse;
      const status = response.statusCode ?? 200;
      const type = response.headers?.['content-type'] ?? '';
      if (status < 400 || /json/i.test(type) || !response.body) return result;
      throw foreignError(status, await readBody(response.body));
    },
    // 'low' priority within the deserialize step runs inside the SDK's own deserializer, so this
    // sees the raw response before the SDK tries to parse it as JSON.
    { step: 'deserialize', name: 'vigilForeignErrorReader', priority: 'low' },
  );
}
