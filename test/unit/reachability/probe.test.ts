import * as assert from 'node:assert/strict';
import { getEventListeners, once } from 'node:events';
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import { MAX_PROBE_TIMEOUT_MS, probeTcp, probeTimeoutMs, type Connector } from '../../../src/reachability/probe';

const LOOPBACK = '127.0.0.1';

async function listen(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.destroy());
  server.listen(0, LOOPBACK);
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

async function close(server: Server): Promise<void> {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

/** Hands out what the real connector would, but only to loopback, and remembers each socket. */
function recordingConnector(make: (host: string, port: number) => Socket): { connect: Connector; sockets: Socket[] } {
  const sockets: Socket[] = [];
  return {
    sockets,
    connect: (host, port) => {
      assert.ok(host.startsWith('127.'), `a test dialled ${host}`);
      const socket = make(host, port);
      sockets.push(socket);
      return socket;
    },
  };
}

/** A socket that never connects nor fails: nothing is dialled, only the timer or an abort can end the probe. */
const silent = (): Socket => new Socket();

/**
 * Timers alive now. Mocha arms its own test timeout once an async test first yields, so a test awaits once
 * (settled()) before taking its baseline.
 */
function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

async function settled(): Promise<void> {
  await Promise.resolve();
}

describe('reachability/probeTcp', () => {
  it('reports a listening port as reachable, then closes the connection', async () => {
    const { server, port } = await listen();
    try {
      const accepted = once(server, 'connection');
      const recorder = recordingConnector((host, p) => new Socket().connect({ host, port: p }));
      await settled();
      const timersBefore = activeTimers();
      const result = await probeTcp(LOOPBACK, port, { timeoutMs: 3000, connect: recorder.connect });
      assert.deepEqual(result, { outcome: 'reachable' });
      await accepted;
      assert.equal(recorder.sockets.length, 1);
      assert.equal(recorder.sockets[0].destroyed, true);
      assert.equal(activeTimers(), timersBefore, 'the timeout timer was left running');
    } finally {
      await close(server);
    }
  });

  it('reports a closed port as refused, with the system code', async () => {
    const { server, port } = await listen();
    await close(server);
    const recorder = recordingConnector((host, p) => new Socket().connect({ host, port: p }));
    assert.deepEqual(await probeTcp(LOOPBACK, port, { connect: recorder.connect }), { outcome: 'refused', code: 'ECONNREFUSED' });
    assert.equal(recorder.sockets[0].destroyed, true);
  });

  it('times out when nothing answers, destroying the socket and leaving no listener', async () => {
    const recorder = recordingConnector(silent);
    const controller = new AbortController();
    const result = await probeTcp(LOOPBACK, 5432, { timeoutMs: 20, connect: recorder.connect, signal: controller.signal });
    assert.deepEqual(result, { outcome: 'timedOut' });
    assert.equal(recorder.sockets[0].destroyed, true);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
    assert.equal(recorder.sockets[0].listenerCount('connect'), 0);
  });

  it('rejects with the reason when aborted, destroying the socket and clearing the timer', async () => {
    const recorder = recordingConnector(silent);
    const controller = new AbortController();
    await settled();
    const timersBefore = activeTimers();
    const probe = probeTcp(LOOPBACK, 5432, { timeoutMs: 3000, connect: recorder.connect, signal: controller.signal });
    assert.equal(activeTimers(), timersBefore + 1);
    const reason = new Error('user cancelled');
    controller.abort(reason);
    await assert.rejects(probe, (error) => error === reason);
    assert.equal(recorder.sockets[0].destroyed, true);
    assert.equal(activeTimers(), timersBefore);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });

  it('dials nothing when the signal is already aborted', async () => {
    const recorder = recordingConnector(silent);
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await assert.rejects(probeTcp(LOOPBACK, 5432, { connect: recorder.connect, signal: controller.signal }), /gone/);
    assert.equal(recorder.sockets.length, 0);
  });

  it('reports other failures as unreachable, with their code when there is one', async () => {
    const failing = (code: string | undefined) =>
      recordingConnector(() => {
        const socket = new Socket();
        // destroy(error) emits it on the next tick, as a failed connect would.
        socket.destroy(Object.assign(new Error('no route'), code === undefined ? {} : { code }));
        return socket;
      });
    assert.deepEqual(await probeTcp(LOOPBACK, 5432, { connect: failing('EHOSTUNREACH').connect }), { outcome: 'unreachable', code: 'EHOSTUNREACH' });
    assert.deepEqual(await probeTcp(LOOPBACK, 5432, { connect: failing('ETIMEDOUT').connect }), { outcome: 'timedOut', code: 'ETIMEDOUT' });
    assert.deepEqual(await probeTcp(LOOPBACK, 5432, { connect: failing(undefined).connect }), { outcome: 'unreachable' });
  });

  it('refuses a port that is not one, without dialling', async () => {
    const recorder = recordingConnector(silent);
    for (const port of [0, 65536, 1.5, Number.NaN]) {
      await assert.rejects(probeTcp(LOOPBACK, port, { connect: recorder.connect }), RangeError);
    }
    assert.equal(recorder.sockets.length, 0);
  });

  it('waits at most 3 seconds, at least 1 ms, and the most when not told', () => {
    assert.equal(MAX_PROBE_TIMEOUT_MS, 3000);
    assert.deepEqual([probeTimeoutMs(undefined), probeTimeoutMs(Number.NaN), probeTimeoutMs(10_000), probeTimeoutMs(0), probeTimeoutMs(250)], [3000, 3000, 3000, 1, 250]);
  });
});
