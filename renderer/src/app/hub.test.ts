// @vitest-environment jsdom
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test/fakeHub.tsx';
import { HUB_BAD_ANSWER, HUB_TIMEOUT, HUB_UNREACHABLE, HubClient, makeCall, type CallableSocket } from './hub.ts';

const asCallable = (socket: FakeSocket) => socket as unknown as CallableSocket;

describe('call()', () => {
  afterEach(() => vi.useRealTimers());

  it('passes the hub’s Result through', async () => {
    const socket = new FakeSocket({ 'store.list': () => ({ ok: true, data: [] }) });
    socket.connected = true;
    const call = makeCall(asCallable(socket), 1000);
    await expect(call('store.list', {})).resolves.toEqual({ ok: true, data: [] });
    expect(socket.calls).toEqual([{ name: 'store.list', payload: {} }]);
  });

  it('turns a hub that never answers into an error result after the timeout, not a hang', async () => {
    vi.useFakeTimers();
    const socket = new FakeSocket({ 'customer.get': () => 'hang' });
    socket.connected = true;
    const call = makeCall(asCallable(socket), 5000);
    let settled: unknown = null;
    void call('customer.get', { id: 'c1' }).then((r) => (settled = r));
    await vi.advanceTimersByTimeAsync(4999);
    expect(settled).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toEqual({ ok: false, error: { code: 'INTERNAL', message: HUB_TIMEOUT } });
  });

  it('waits for the connection within the same budget, then sends', async () => {
    vi.useFakeTimers();
    const socket = new FakeSocket({ 'team.list': () => ({ ok: true, data: [{ id: 't', name: 'A' }] }) });
    const call = makeCall(asCallable(socket), 5000);
    const pending = call('team.list', {});
    await vi.advanceTimersByTimeAsync(2000);
    expect(socket.calls).toHaveLength(0);
    socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    await expect(pending).resolves.toEqual({ ok: true, data: [{ id: 't', name: 'A' }] });
  });

  it('gives up with an "unreachable" error when the hub never comes, and never sends late', async () => {
    vi.useFakeTimers();
    const socket = new FakeSocket({ 'user.create': () => ({ ok: true, data: {} }) });
    const call = makeCall(asCallable(socket), 3000);
    const pending = call('user.list', {});
    await vi.advanceTimersByTimeAsync(3000);
    await expect(pending).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: HUB_UNREACHABLE } });
    socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.calls).toHaveLength(0);
  });

  it('rejects an answer that is not a Result', async () => {
    const socket = new FakeSocket({ 'store.list': () => ({ nope: true }) as never });
    socket.connected = true;
    await expect(makeCall(asCallable(socket), 1000)('store.list', {})).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: HUB_BAD_ANSWER },
    });
  });

  it('works with a real socket.io client whose hub is down', async () => {
    const socket = io('http://127.0.0.1:9', { autoConnect: false, transports: ['websocket'] });
    const result = await makeCall(socket as unknown as CallableSocket, 150)('store.list', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: HUB_UNREACHABLE } });
    socket.close();
  });
});

describe('HubClient', () => {
  it('reports connected → reconnecting → connected, and calls reconnect listeners only on a reconnect', async () => {
    const socket = new FakeSocket();
    const hub = new HubClient({ token: 't', onUnauthenticated: () => {}, socketFactory: () => socket.asHubSocket() });
    const onReconnect = vi.fn();
    hub.onReconnect(onReconnect);
    expect(hub.getState()).toBe('connecting');
    await Promise.resolve();
    expect(hub.getState()).toBe('connected');
    expect(onReconnect).not.toHaveBeenCalled();
    socket.connected = false;
    socket.fire('disconnect', 'transport close');
    expect(hub.getState()).toBe('reconnecting');
    socket.connect();
    await Promise.resolve();
    expect(hub.getState()).toBe('connected');
    expect(onReconnect).toHaveBeenCalledTimes(1);
    hub.close();
  });

  it('sends the desk back to sign-in when the hub refuses the token', () => {
    const socket = new FakeSocket();
    const onUnauthenticated = vi.fn();
    const hub = new HubClient({ token: 'old', onUnauthenticated, socketFactory: () => socket.asHubSocket() });
    socket.fire('connect_error', new Error('UNAUTHENTICATED'));
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    hub.close();
  });
});
