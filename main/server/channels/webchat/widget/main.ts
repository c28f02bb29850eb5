// The embeddable web chat: one <script src=".../webchat/widget.js" data-account="…" data-locale="ru">
// on any allowed site. Everything lives in a shadow root (open, so e2e tests reach it by role) and talks
// to the hub the script came from.
// Only types are imported from common/: the bundle carries socket.io-client and nothing else.
import { io, type Socket } from 'socket.io-client';
import type { ChatItem, PreChatFormInput, VisitorAuth, VisitorClientToServer, VisitorServerToClient } from '../../../../../common/api/webchat.ts';
import type { Result } from '../../../../../common/result.ts';
import { pickLocale, strings } from './strings.ts';
import { css } from './styles.ts';

type VisitorSocket = Socket<VisitorServerToClient, VisitorClientToServer>;
interface Saved {
  token: string;
  preChat: PreChatFormInput;
}

const AGENT_TYPING_MS = 6_000;
const TYPING_EVERY_MS = 2_000;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: Array<Node | string>) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) if (value !== undefined) el.setAttribute(name, value);
  el.append(...children);
  return el;
}

/** A v4 uuid without crypto.randomUUID, which shops served over plain http do not have. */
function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Storage can be disabled (private modes, strict cookie settings): the chat still works for this page view.
function storage(key: string) {
  return {
    load(): Saved | null {
      try {
        return JSON.parse(localStorage.getItem(key) ?? 'null') as Saved | null;
      } catch {
        return null;
      }
    },
    save(value: Saved | null) {
      try {
        if (value) localStorage.setItem(key, JSON.stringify(value));
        else localStorage.removeItem(key);
      } catch {
        /* not persisted: the visitor starts over after a reload */
      }
    },
  };
}

function start(script: HTMLScriptElement) {
  const accountId = script.dataset.account;
  if (!accountId) {
    console.warn('Threadline web chat: the script tag needs data-account');
    return;
  }
  const locale = pickLocale(script.dataset.locale);
  const t = strings[locale];
  const store = storage(`threadline.webchat.${accountId}`);
  let saved = store.load();

  const host = h('div');
  const root = host.attachShadow({ mode: 'open' });
  root.append(h('style', {}, css));

  const badge = h('span', { class: 'badge', hidden: '' });
  const launcher = h('button', { type: 'button', class: 'launcher', 'aria-label': t.open, 'aria-expanded': 'false' }, badge);
  launcher.insertAdjacentHTML('afterbegin', '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>');
  const title = h('h2', { id: 'tl-title' });
  const closeButton = h('button', { type: 'button', 'aria-label': t.close }, '×');
  const notice = h('p', { class: 'notice', role: 'status', hidden: '' });
  const greeting = h('p', { class: 'greeting' });
  const failure = h('p', { class: 'error', role: 'alert', hidden: '' });
  const body = h('div', { class: 'body' }, notice, failure, greeting);
  const typing = h('div', { class: 'typing', 'aria-live': 'polite' });
  const panel = h('section', { class: 'panel', role: 'dialog', 'aria-labelledby': 'tl-title', hidden: '' }, h('div', { class: 'head' }, title, closeButton), body, typing);
  root.append(launcher, panel);
  document.body.append(host);

  const log = h('ol', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': t.log });
  const older = h('button', { type: 'button', class: 'older', hidden: '' }, t.older);
  const textarea = h('textarea', { id: 'tl-text', maxlength: '4000', rows: '2' });
  const compose = h('form', { class: 'compose', hidden: '' }, h('label', { for: 'tl-text', class: 'sr' }, t.message), textarea, h('button', { type: 'submit' }, t.send));
  panel.append(compose);

  let socket: VisitorSocket | null = null;
  let agentsOnline = true;
  let offlineMessage = '';
  // The parts of the pre-chat form that change when agents come and go.
  let contact: { email: HTMLInputElement; hint: HTMLElement } | null = null;
  let olderCursor: string | null = null;
  const shown = new Map<string, HTMLLIElement>();

  const showFailure = (text: string | null) => {
    failure.textContent = text ?? '';
    failure.hidden = text === null;
  };

  /** Files as download links on the hub (signed, short-lived); only http(s) URLs on the hub's origin are shown. */
  function fileLinks(files: ChatItem['files']): HTMLElement[] {
    const hub = new URL(script.src).origin;
    return (files ?? []).flatMap((file) => {
      const url = new URL(file.url, hub);
      if (url.origin !== hub) return [];
      const link = h('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer', download: file.fileName }, `📎 ${file.fileName}`);
      return [h('span', { class: 'file' }, link)];
    });
  }

  function render(item: Pick<ChatItem, 'from' | 'text' | 'files'> & { key: string }, where: 'end' | 'start' = 'end') {
    const existing = shown.get(item.key);
    if (existing) return existing;
    const li = h('li', { class: item.from }, h('span', { class: 'sr' }, `${item.from === 'agent' ? t.agent : t.you}: `), item.text, ...fileLinks(item.files));
    shown.set(item.key, li);
    if (where === 'end') log.append(li);
    else log.prepend(li);
    if (where === 'end') body.scrollTop = body.scrollHeight;
    return li;
  }

  const keyOf = (item: ChatItem) => item.clientId ?? item.id;

  function loadHistory(before?: string) {
    socket?.emit('history.load', before ? { before } : {}, (result) => {
      if (!result.ok) return;
      const items = before ? [...result.data.items].reverse() : result.data.items;
      for (const item of items) render({ key: keyOf(item), from: item.from, text: item.text, files: item.files }, before ? 'start' : 'end');
      olderCursor = result.data.before;
      older.hidden = olderCursor === null;
    });
  }

  function showChat() {
    form?.remove();
    body.append(older, log);
    compose.hidden = false;
    loadHistory();
  }

  function send(clientId: string, text: string) {
    const li = render({ key: clientId, from: 'visitor', text });
    li.classList.remove('failed');
    li.querySelector('button')?.remove();
    socket?.emit('typing', { typing: false });
    socket?.emit('message.send', { clientId, text }, (result: Result<{ id: string }>) => {
      if (result.ok) return;
      li.classList.add('failed');
      const retry = h('button', { type: 'button' }, t.notSent);
      retry.addEventListener('click', () => send(clientId, text));
      li.append(retry);
      if (result.error.code === 'RATE_LIMITED') showFailure(t.rateLimited);
    });
  }

  // The pre-chat form, only for visitors without a token.
  let form: HTMLFormElement | null = null;
  function showPreChat() {
    if (form) return;
    const field = (id: string, label: string, type: string, extra: Record<string, string> = {}) => {
      const error = h('p', { class: 'error', id: `${id}-error`, hidden: '' });
      const input = h('input', { id, name: id, type, 'aria-describedby': `${id}-error`, ...extra });
      return { nodes: [h('label', { for: id }, label), input, error], input, error };
    };
    const name = field('name', t.name, 'text', { required: '', maxlength: '80', autocomplete: 'name' });
    const email = field('email', t.email, 'email', { autocomplete: 'email' });
    const phone = field('phone', t.phone, 'tel', { autocomplete: 'tel' });
    const consent = h('input', { id: 'consentService', type: 'checkbox', required: '', 'aria-describedby': 'consentService-error' });
    const consentError = h('p', { class: 'error', id: 'consentService-error', hidden: '' });
    const marketing = h('input', { id: 'consentMarketing', type: 'checkbox' });
    const hint = h('p', { class: 'hint' });
    contact = { email: email.input, hint };
    setOnline(agentsOnline);
    const errors: Record<string, HTMLElement> = { name: name.error, email: email.error, phone: phone.error, consentService: consentError };
    form = h(
      'form',
      { class: 'prechat', novalidate: '' },
      ...name.nodes,
      ...email.nodes,
      ...phone.nodes,
      hint,
      h('label', { class: 'check' }, consent, t.consent),
      consentError,
      h('label', { class: 'check' }, marketing, t.marketing),
      h('button', { type: 'submit', class: 'primary' }, t.start),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      for (const el of Object.values(errors)) el.hidden = true;
      const preChat: PreChatFormInput = {
        name: name.input.value,
        ...(email.input.value.trim() ? { email: email.input.value } : {}),
        ...(phone.input.value.trim() ? { phone: phone.input.value } : {}),
        consentService: consent.checked as true,
        consentMarketing: marketing.checked,
        locale,
      };
      socket?.emit('prechat.submit', preChat, (result) => {
        if (result.ok) {
          saved = { token: result.data.token, preChat };
          store.save(saved);
          contact = null;
          setOnline(agentsOnline);
          if (socket) socket.auth = auth();
          showFailure(null);
          showChat();
          return;
        }
        let placed = false;
        for (const f of result.error.fields ?? []) {
          const el = errors[f.path];
          if (el) {
            // The hub's messages are English; the visitor reads their own language.
            const emailMissing = f.path === 'email' && !agentsOnline && !email.input.value.trim();
            el.textContent = emailMissing ? t.emailRequiredOffline : (t.invalid[f.path] ?? f.message);
            el.hidden = false;
            placed = true;
          }
        }
        showFailure(placed ? null : result.error.message);
      });
    });
    body.append(form);
  }

  const auth = (): VisitorAuth => ({ accountId, ...(saved ? { token: saved.token, preChat: saved.preChat } : {}) });

  function connect() {
    if (socket) return;
    socket = io(`${new URL(script.src).origin}/visitor`, { auth: auth(), transports: ['websocket'] });
    socket.on('connect', () => {
      showFailure(null);
      socket?.emit('chat.hello', { locale }, (result) => {
        if (!result.ok) return showFailure(t.error);
        title.textContent = result.data.title;
        greeting.textContent = result.data.greeting;
        offlineMessage = result.data.offlineMessage;
        setOnline(result.data.agentsOnline);
        if (result.data.identified) showChat();
        else showPreChat();
      });
    });
    socket.on('connect_error', (error) => {
      // A token from another secret (rotated) or tampered with: start over as a new visitor.
      if (error.message === 'UNAUTHENTICATED' && saved) {
        saved = null;
        store.save(null);
        if (socket) socket.auth = auth();
        socket?.connect();
        return;
      }
      showFailure(error.message === 'RATE_LIMITED' ? t.rateLimited : t.error);
    });
    socket.on('agent.message', (message) => {
      typing.textContent = '';
      render({ key: message.id, from: 'agent', text: message.text, files: message.files });
      if (panel.hidden) badge.hidden = false;
    });
    let typingTimer: ReturnType<typeof setTimeout> | undefined;
    socket.on('agent.typing', ({ typing: on }) => {
      clearTimeout(typingTimer);
      typing.textContent = on ? t.agentTyping : '';
      if (on) typingTimer = setTimeout(() => (typing.textContent = ''), AGENT_TYPING_MS);
    });
    socket.on('agents.online', ({ online }) => setOnline(online));
  }

  /** Offline, the chat becomes "leave a message": the reply goes to the e-mail, so the form requires one. */
  function setOnline(online: boolean) {
    agentsOnline = online;
    notice.hidden = online;
    // A visitor who gave only a phone cannot be mailed: they read the reply here when they come back.
    notice.textContent = saved && !saved.preChat.email?.trim() ? t.offlineNoEmail : offlineMessage;
    if (contact) {
      contact.email.required = !online;
      contact.hint.textContent = online ? t.contactHint : t.emailOffline;
    }
  }

  function toggle(open: boolean) {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    if (open) {
      badge.hidden = true;
      connect();
      (compose.hidden ? panel.querySelector<HTMLElement>('input, button') : textarea)?.focus();
    } else launcher.focus();
  }

  launcher.addEventListener('click', () => toggle(panel.hidden));
  closeButton.addEventListener('click', () => toggle(false));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') toggle(false);
  });
  older.addEventListener('click', () => olderCursor && loadHistory(olderCursor));

  let lastTyping = 0;
  textarea.addEventListener('input', () => {
    if (Date.now() - lastTyping < TYPING_EVERY_MS) return;
    lastTyping = Date.now();
    socket?.emit('typing', { typing: true });
  });
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      compose.requestSubmit();
    }
  });
  compose.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = textarea.value.trim();
    if (!text) return;
    textarea.value = '';
    lastTyping = 0;
    send(uuid(), text);
  });

  // A returning visitor connects at once, so a reply that arrives while the panel is closed shows a badge.
  if (saved) connect();
}

// currentScript is only set while the script first runs (also for `defer`), so it is read here.
const script = document.currentScript;
if (script instanceof HTMLScriptElement) {
  if (document.body) start(script);
  else document.addEventListener('DOMContentLoaded', () => start(script));
}
