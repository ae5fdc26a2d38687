import type * as http from 'node:http';

/** The part of an agent that ClientRequest calls for every request (not in Node's public typings). */
interface AddRequest {
  addRequest(request: http.ClientRequest, options: { host?: string | null; port?: number | string | null }): void;
}

/**
 * An agent that lets a request leave only for one host and port, and turns any 3xx answer into an error.
 *
 * The SDK sends through node-fetch, which follows redirects and gives us no say in it: a 307 re-sends the body and
 * the X-TC-Token to wherever the Location points, and a 301/302 turns a write into a GET. The agent is the one
 * thing of ours that every request (the redirected ones included) goes through, so the pin lives here. It shares
 * the keep-alive pool of `shared` (it only delegates to it).
 */
export function pinnedAgent(shared: http.Agent, host: string, port: number): http.Agent {
  const pinned = Object.create(shared) as http.Agent & AddRequest;
  const endpoint = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const delegate = shared as http.Agent & AddRequest;
  pinned.addRequest = (request, options) => {
    const requestHost = (options.host ?? '').replace(/^\[|\]$/g, '');
    const requestPort = Number(options.port ?? (shared as { defaultPort?: number }).defaultPort);
    if (requestHost !== host || requestPort !== port) {
      // Asynchronously, as a socket error would be: node-fetch then rejects with this reason. No socket was ever
      // assigned, so destroy() alone would emit nothing.
      process.nextTick(() => {
        request.emit('error', new Error(`refused to send to ${requestHost}:${requestPort}: only the endpoint ${endpoint} is allowed`));
        request.destroy();
      });
      return;
    }
    refuseRedirects(request, endpoint);
    delegate.addRequest(request, options);
  };
  return pinned;
}

/** Answers 300-399 never reach node-fetch's redirect handling: the request fails, naming the endpoint. */
function refuseRedirects(request: http.ClientRequest, endpoint: string): void {
  const emit = request.emit.bind(request) as (event: string | symbol, ...args: unknown[]) => boolean;
  request.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
    const response = args[0] as http.IncomingMessage | undefined;
    if (event === 'response' && response?.statusCode !== undefined && response.statusCode >= 300 && response.statusCode < 400) {
      response.resume();
      const location = response.headers.location ?? '(no Location)';
      request.destroy(new Error(`the endpoint ${endpoint} answered HTTP ${response.statusCode} (a redirect to ${location}); redirects are not followed`));
      return true;
    }
    return emit(event, ...args);
  }) as typeof request.emit;
}
