// `bonito dashboard`: a loopback HTTP server (node:http only) over one journal. JSON endpoints for
// the page, server-sent events when the journal grows, and the page with its vendored vega builds.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toError } from '../../errors.js';
import { checkInteger, checkPositiveInteger } from '../../validate.js';
import { describeStorage, parseStorageSpec } from '../storage-spec.js';
import { loadVendorScripts, VENDOR_SCRIPTS } from './assets.js';
import { CLIENT_SCRIPT, pageHtml } from './page.js';
import { DashboardSource } from './source.js';

/** Options of `startDashboard`. */
export interface DashboardOptions {
  /** A JSONL journal file or `redis://host[:port][/db][?prefix=name]`. */
  storage: string;
  /** TCP port; 0 picks a free one. @defaultValue 8080 */
  port?: number;
  /** Address to listen on. @defaultValue '127.0.0.1' */
  host?: string;
  /** How often the journal is re-read for new records, in milliseconds. @defaultValue 1000 */
  pollMs?: number;
  /** Receives unreadable records and read failures. @defaultValue writes them to stderr */
  onProblem?: (message: string) => void;
}

/** A running dashboard. */
export interface Dashboard {
  /** Where it serves, e.g. `http://127.0.0.1:8080/`. */
  readonly url: string;
  /** Stops polling, ends open event streams and connections, closes the storage. */
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Only our own scripts run: an injected <script> or inline handler would be refused even if
  // some string escaped escaping. vega compiles its expressions with Function, hence unsafe-eval.
  'content-security-policy':
    "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
} as const;

/** JSON text that is also safe inside HTML (no `<`), with ±Infinity and NaN as strings like `study.toJSON()`. */
function jsonText(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  return text
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...SECURITY_HEADERS }).end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', jsonText(value));
}

/**
 * Starts the dashboard: reads the journal once (so a bad path or URL fails here), then serves
 * `GET /` (the page), `/api/studies`, `/api/study?name=…`, `/api/events` (server-sent events: a
 * `version` event whenever the journal grows) until `close()`.
 * @throws MissingDependencyError when vega, vega-lite or vega-embed is not installed;
 *   RangeError on a bad port, poll interval or Redis URL; StorageError when the journal cannot be read.
 * @example
 * ```ts
 * const dashboard = await startDashboard({ storage: 'study.jsonl', port: 0 });
 * console.log(dashboard.url);
 * await dashboard.close();
 * ```
 */
export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const port = checkInteger('startDashboard', 'port', options.port ?? 8080, 0, 65535);
  const pollMs = checkPositiveInteger('startDashboard', 'pollMs', options.pollMs ?? 1000);
  const host = options.host ?? '127.0.0.1';
  const onProblem = options.onProblem ?? ((m: string) => void process.stderr.write(`bonito dashboard: ${m}\n`));
  const vendor = loadVendorScripts();
  const spec = parseStorageSpec(options.storage);
  const source = new DashboardSource(spec, onProblem);
  try {
    await source.sync();
  } catch (err) {
    await source.close();
    throw err;
  }
  const page = pageHtml(describeStorage(spec), VENDOR_SCRIPTS);
  const streams = new Set<ServerResponse>();
  let readError: string | null = null;

  // One sync at a time: the poll and the requests share it.
  let syncing: Promise<void> | null = null;
  const sync = (): Promise<void> => {
    syncing ??= source
      .sync()
      .then(() => {
        readError = null;
      })
      .catch((err: unknown) => {
        const message = toError(err).message;
        if (message !== readError) onProblem(message);
        readError = message;
      })
      .finally(() => {
        syncing = null;
      });
    return syncing;
  };

  let announced = source.version;
  const poll = setInterval(() => {
    void sync().then(() => {
      if (source.version === announced) return;
      announced = source.version;
      for (const res of streams) res.write(`event: version\ndata: ${announced}\n\n`);
    });
  }, pollMs);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://dashboard');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: `${req.method} is not served; use GET.` });
    const vendored = vendor.get(url.pathname);
    if (vendored !== undefined) return send(res, 200, 'text/javascript; charset=utf-8', vendored);
    switch (url.pathname) {
      case '/':
      case '/index.html':
        return send(res, 200, 'text/html; charset=utf-8', page);
      case '/app.js':
        return send(res, 200, 'text/javascript; charset=utf-8', CLIENT_SCRIPT);
      case '/api/studies':
        await sync();
        if (readError !== null) return sendJson(res, 503, { error: readError });
        return sendJson(res, 200, { version: source.version, studies: source.studies() });
      case '/api/study': {
        const name = url.searchParams.get('name');
        if (name === null) return sendJson(res, 400, { error: '/api/study: `name` must be given but got none.' });
        await sync();
        if (readError !== null) return sendJson(res, 503, { error: readError });
        const detail = source.study(name);
        if (detail === undefined)
          return sendJson(res, 404, { error: `/api/study: \`name\` must name a study of the storage but got ${JSON.stringify(name)}.` });
        return sendJson(res, 200, { version: source.version, ...detail });
      }
      case '/api/events':
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          ...SECURITY_HEADERS,
        });
        res.write(`retry: 2000\nevent: version\ndata: ${source.version}\n\n`);
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      default:
        return sendJson(res, 404, { error: `${url.pathname} is not served.` });
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: toError(err).message });
      else res.end();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    clearInterval(poll);
    await source.close();
    throw err;
  }
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closed: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${address.port}/`,
    close() {
      closed ??= (async () => {
        clearInterval(poll);
        for (const res of streams) res.end();
        streams.clear();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await syncing;
        await source.close();
      })();
      return closed;
    },
  };
}
