// The composer: a reply in a channel the customer has (the last inbound one by default) or a private note;
// SMS segments as you type; warnings (opted out, blocked, the customer's night, another agent replied)
// confirmed before the send; drafts kept on the hub; typing shown to other agents; files attached with the
// button or dropped on the composer, uploaded at once and sent with the reply (not with notes; never by SMS).
import { useEffect, useId, useLayoutEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { AttachmentRef, ConversationDetail, SendReplyInput, SendReplyResult, SendWarning } from '../../../../common/api/desk.ts';
import type { Channel } from '../../../../common/domain/enums.ts';
import { smsSegments } from '../../../../common/domain/sms.ts';
import type { TimelineEvent } from '../../../../common/domain/timeline.ts';
import type { AppError, Result } from '../../../../common/result.ts';
import { useHub, useSession } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { errorText } from '../../ui/errors.ts';
import { formatClock } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { Notice } from '../../ui/States.tsx';
import { useNow } from '../../ui/useNow.ts';
import { ATTACHMENT_LIMITS, UPLOAD_TOO_LARGE, uploadAttachment } from './attachments.ts';
import { draftToSave, initialDraft, localWarnings, type ComposerDraft, type ComposerMode } from './composerModel.ts';
import { formatBytes } from './timelineItems.tsx';
import { usePaneShortcut, useOutbox, useOutboxItems } from './services.ts';
import { useTemplateInsert } from '../templates/useTemplateInsert.tsx';
import { useComposerLint } from '../voice/useComposerLint.tsx';
import { VoiceField } from '../voice/VoiceField.tsx';

export const DRAFT_SAVE_MS = 800;
/** At most one "typing" per this long; "stopped" after this long without a keystroke. */
const TYPING_THROTTLE_MS = 3_000;
const TYPING_IDLE_MS = 5_000;

const sameSaved = (a: ComposerDraft, b: ComposerDraft) => JSON.stringify(draftToSave(a)) === JSON.stringify(draftToSave(b));

type ReplyInput = SendReplyInput & { clientId: string };

/** A file being attached: uploading, uploaded (with its reference on the hub) or refused. */
interface PendingFile {
  key: string;
  name: string;
  size: number;
  state: 'uploading' | 'done' | 'error';
  ref?: AttachmentRef;
  error?: 'tooLarge' | 'failed' | 'tooMany';
  abort?: AbortController;
}

/** Channels that cannot carry files: attaching is off there, with the reason shown. */
const NO_FILES: ReadonlySet<string> = new Set(['sms']);

interface PendingConfirm {
  /** What to show: the warnings of this round. */
  warnings: SendWarning[];
  /** The reply to send on confirm, with every warning acknowledged so far. */
  input: ReplyInput;
}

export function Composer({ detail, onSent }: { detail: ConversationDetail; onSent: (event: TimelineEvent) => void }) {
  const { t, i18n } = useT();
  const hub = useHub();
  const token = useSession().session?.token ?? '';
  const conversationId = detail.conversation.id;
  const now = useNow();
  const ids = {
    body: useId(),
    subject: useId(),
    channel: useId(),
    counter: useId(),
    replyTab: useId(),
    noteTab: useId(),
    panel: useId(),
    files: useId(),
    filesHint: useId(),
  };
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [dragging, setDragging] = useState(false);

  const [draft, setDraft] = useState<ComposerDraft>(() => initialDraft(detail));
  const latest = useRef(draft);
  useLayoutEffect(() => {
    latest.current = draft;
  }, [draft]);
  const saved = useRef(draft);
  const [error, setError] = useState<AppError | null>(null);
  const [confirm, setConfirm] = useState<PendingConfirm | null>(null);
  /** The latest message the agent has seen when writing; a reply naming an older one gets another_agent_replied. */
  const seenMessageId = useRef(detail.lastMessageId);
  /** The text of a send the hub refused, offered back to the agent. */
  const [lost, setLost] = useState<string | null>(null);

  const { mode, channel, body, subject } = draft;
  const replyChannel = detail.replyChannels.find((c) => c.channel === channel);
  const isEmail = mode === 'reply' && channel === 'email';
  const warnings = mode === 'reply' ? localWarnings(replyChannel, now, detail) : [];
  /** Files go with replies only, and not over a channel that cannot carry them. */
  const canAttach = mode === 'reply' && !!channel && !NO_FILES.has(channel);
  const uploading = files.some((f) => f.state === 'uploading');
  const failedFiles = files.some((f) => f.state === 'error');
  const readyFiles = files.flatMap((f) => (f.state === 'done' && f.ref ? [f.ref] : []));
  const filesBlockSend = files.length > 0 && (uploading || failedFiles || !canAttach);

  const change = (patch: Partial<ComposerDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
  };
  // "/" inserts an approved template filled with this customer's data (replies only: a note is never sent).
  const templates = useTemplateInsert({
    textarea,
    body,
    subject,
    channel: mode === 'reply' ? channel : null,
    customerId: detail.conversation.customerId,
    conversationId,
    apply: change,
  });
  // Brand-voice lint of the reply as it is typed; a reply with an error-level issue needs a reason.
  const voice = useComposerLint({ textarea, body, channel: mode === 'reply' ? channel : null, setBody: (next) => change({ body: next }) });

  // ── drafts ──
  const saveDraft = (value: ComposerDraft) => {
    saved.current = value;
    void hub.call('conversation.saveDraft', { conversationId, draft: draftToSave(value) });
  };
  useEffect(() => {
    if (sameSaved(draft, saved.current)) return;
    const timer = setTimeout(() => saveDraft(draft), DRAFT_SAVE_MS);
    return () => clearTimeout(timer);
    // saveDraft only reads refs and props that do not change while this composer lives
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft]);
  // Leaving the conversation: keep what was typed.
  useEffect(
    () => () => {
      if (!sameSaved(latest.current, saved.current)) saveDraft(latest.current);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  // ── typing ──
  const typingSentAt = useRef(0);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stopTyping = () => {
    clearTimeout(idleTimer.current);
    if (typingSentAt.current === 0) return;
    typingSentAt.current = 0;
    void hub.call('desk.activity', { conversationId, typing: false });
  };
  const typed = () => {
    const at = Date.now();
    if (at - typingSentAt.current > TYPING_THROTTLE_MS) {
      typingSentAt.current = at;
      void hub.call('desk.activity', { conversationId, typing: true });
    }
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };
  useEffect(() => () => clearTimeout(idleTimer.current), []);

  // ── files ──
  const filesRef = useRef(files);
  useLayoutEffect(() => {
    filesRef.current = files;
  }, [files]);
  const patchFile = (key: string, patch: Partial<PendingFile>) => setFiles((list) => list.map((f) => (f.key === key ? { ...f, ...patch } : f)));
  const addFiles = (picked: FileList | File[] | null) => {
    if (!picked || !canAttach) return;
    let kept = filesRef.current.filter((f) => f.state !== 'error').length;
    const added: PendingFile[] = [];
    const uploads: Array<{ key: string; file: File; abort: AbortController }> = [];
    for (const file of Array.from(picked)) {
      const base = { key: crypto.randomUUID(), name: file.name, size: file.size };
      if (kept >= ATTACHMENT_LIMITS.perMessage) added.push({ ...base, state: 'error', error: 'tooMany' });
      else if (file.size > ATTACHMENT_LIMITS.fileBytes) added.push({ ...base, state: 'error', error: 'tooLarge' });
      else {
        kept += 1;
        const abort = new AbortController();
        added.push({ ...base, state: 'uploading', abort });
        uploads.push({ key: base.key, file, abort });
      }
    }
    setFiles((list) => [...list, ...added]);
    for (const { key, file, abort } of uploads) {
      void uploadAttachment(file, token, abort.signal).then((result) => {
        if (abort.signal.aborted) return;
        if (result.ok) patchFile(key, { state: 'done', ref: result.data, abort: undefined });
        else patchFile(key, { state: 'error', error: result.error.message === UPLOAD_TOO_LARGE ? 'tooLarge' : 'failed', abort: undefined });
      });
    }
  };
  const removeFile = (key: string) => {
    filesRef.current.find((f) => f.key === key)?.abort?.abort();
    setFiles((list) => list.filter((f) => f.key !== key));
  };
  // Uploads still running when the composer goes away are dropped.
  useEffect(() => () => filesRef.current.forEach((f) => f.abort?.abort()), []);
  const onDragOver = (event: DragEvent<HTMLElement>) => {
    if (!Array.from(event.dataTransfer?.types ?? []).includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = canAttach ? 'copy' : 'none';
    setDragging(true);
  };
  const onDrop = (event: DragEvent<HTMLElement>) => {
    if (!event.dataTransfer?.files?.length) return;
    event.preventDefault();
    setDragging(false);
    addFiles(event.dataTransfer.files);
  };

  // ── shortcuts ──
  const focusMode = (next: ComposerMode) => {
    change({ mode: next });
    requestAnimationFrame(() => textarea.current?.focus());
  };
  usePaneShortcut('r', () => focusMode('reply'), t('conversation:Shortcut.reply'));
  usePaneShortcut('n', () => focusMode('note'), t('conversation:Shortcut.note'));

  // ── sending (through the offline queue: a send made while the hub is away goes out after the reconnect) ──
  const outbox = useOutbox();
  const queued = useOutboxItems(conversationId);
  /** Sends made from this composer, by clientId: their answers are handled where they were made. */
  const mine = useRef(new Set<string>());

  const cleared = () => {
    stopTyping();
    setFiles([]);
    const next = { ...latest.current, body: '', subject: '' };
    setDraft(next);
    saveDraft(next);
    textarea.current?.focus();
  };

  const handleReply = (result: Result<SendReplyResult>, input: ReplyInput) => {
    if (!result.ok) {
      setError(result.error);
      setLost(input.body);
      return;
    }
    if (result.data.sent) {
      seenMessageId.current = result.data.messageId;
      onSent(result.data.event);
      return;
    }
    // Nothing was stored: ask (for a reason first, when the brand-voice rules held it), then send the
    // same reply again with the warnings acknowledged.
    const { warnings: raised, voice: held } = result.data;
    const confirmWarnings = (next: ReplyInput) => {
      if (raised.length === 0) return queueReply(next);
      setConfirm({ warnings: raised, input: { ...next, acknowledged: [...new Set([...(next.acknowledged ?? []), ...raised])] } });
    };
    if (held) voice.heldByHub(held, input, confirmWarnings);
    else confirmWarnings(input);
  };

  const queueReply = (input: ReplyInput) => {
    const { clientId, result } = outbox.send('conversation.reply', input);
    mine.current.add(clientId);
    void result.then((answer) => handleReply(answer, input));
  };

  const queueNote = (text: string) => {
    const { clientId, result } = outbox.send('conversation.addNote', { conversationId, body: text });
    mine.current.add(clientId);
    void result.then((answer) => {
      if (answer.ok) onSent(answer.data);
      else {
        setError(answer.error);
        setLost(text);
      }
    });
  };

  // Answers to sends queued before the desk was restarted (no promise waits for them).
  useEffect(
    () =>
      outbox.onSettled((settled) => {
        if (settled.conversationId !== conversationId || mine.current.has(settled.clientId)) return;
        const { result } = settled;
        if (!result.ok) return setError(result.error);
        if (settled.command === 'conversation.addNote') onSent(result.data as TimelineEvent);
        else if ((result.data as SendReplyResult).sent) onSent((result.data as Extract<SendReplyResult, { sent: true }>).event);
        else setError({ code: 'CONFLICT', message: 'NOT_SENT' });
      }),
    // onSent is the pane's stable timeline.add wrapper
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [outbox, conversationId],
  );

  const submit = () => {
    if (filesBlockSend && mode === 'reply') return;
    if (!body.trim() && (mode === 'note' || readyFiles.length === 0)) return;
    setError(null);
    setLost(null);
    if (mode === 'note') {
      queueNote(body);
      cleared();
      return;
    }
    if (!channel) return;
    const input: ReplyInput = voice.stamp({
      clientId: crypto.randomUUID(),
      conversationId,
      channel,
      body,
      subject: isEmail ? subject.trim() || null : null,
      seenMessageId: seenMessageId.current,
      acknowledged: [],
      ...(readyFiles.length > 0 ? { attachments: readyFiles } : {}),
    });
    const send = (ready: ReplyInput) => {
      if (warnings.length > 0) {
        setConfirm({ warnings, input: { ...ready, acknowledged: warnings } });
        return;
      }
      queueReply(ready);
      cleared();
    };
    // A reply with an error-level brand-voice issue waits for the agent's reason, then goes on as usual.
    if (!voice.hold(input, send)) send(input);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (templates.onKeyDown(event)) return;
    if (voice.onKeyDown(event)) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  const sms = mode === 'reply' && channel === 'sms' ? smsSegments(body) : null;
  const locale = currentLocale(i18n);
  let customerClock = '';
  try {
    customerClock = formatClock(now, detail.customerTimeZone, locale);
  } catch {
    customerClock = '';
  }
  const channelLabel = (c: Channel) => t(`conversation:Channel.${c}`);

  return (
    <section
      className={`composer composer--${mode}${dragging ? ' composer--dragging' : ''}`}
      aria-label={t('conversation:Composer.label')}
      onDragOver={onDragOver}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <div className="composer__tabs" role="tablist" aria-label={t('conversation:Composer.modeLabel')}>
        {(['reply', 'note'] as const).map((m) => (
          <button
            key={m}
            id={m === 'reply' ? ids.replyTab : ids.noteTab}
            type="button"
            role="tab"
            className="tabs__tab"
            aria-selected={mode === m}
            aria-controls={ids.panel}
            aria-keyshortcuts={m === 'reply' ? 'r' : 'n'}
            onClick={() => change({ mode: m })}
          >
            <Icon name={m === 'reply' ? 'send' : 'edit'} /> {m === 'reply' ? t('conversation:Composer.reply') : t('conversation:Composer.note')}
          </button>
        ))}
      </div>
      <div id={ids.panel} role="tabpanel" aria-labelledby={mode === 'reply' ? ids.replyTab : ids.noteTab} className="composer__panel">
        {mode === 'reply' ? (
          detail.replyChannels.length === 0 ? (
            <Notice tone="warning">{t('conversation:Composer.noChannels')}</Notice>
          ) : (
            <div className="composer__row">
              <div className="composer__channel">
                <select
                  id={ids.channel}
                  className="input select input--small"
                  value={channel ?? ''}
                  aria-label={t('conversation:Composer.channel')}
                  onChange={(e) => change({ channel: e.target.value as Channel })}
                >
                  {detail.replyChannels.map((c) => (
                    <option key={c.channel} value={c.channel}>
                      {channelLabel(c.channel)} · {c.to}
                      {c.optedOut ? ` · ${t('conversation:Composer.optedOutMark')}` : ''}
                      {c.blocked ? ` · ${t('conversation:Composer.blockedMark')}` : ''}
                      {c.channel === detail.defaultChannel ? ` · ${t('conversation:Composer.lastUsedMark')}` : ''}
                    </option>
                  ))}
                </select>
              </div>
              {isEmail ? (
                <input
                  id={ids.subject}
                  className="input input--small composer__subject"
                  aria-label={t('conversation:Composer.subject')}
                  placeholder={t('conversation:Composer.subject')}
                  value={subject}
                  maxLength={500}
                  onChange={(e) => change({ subject: e.target.value })}
                />
              ) : null}
            </div>
          )
        ) : (
          <p className="composer__note-hint muted small">
            <Icon name="lock" /> {t('conversation:Composer.noteHint')}
          </p>
        )}

        <label htmlFor={ids.body} className="visually-hidden">
          {mode === 'reply' ? t('conversation:Composer.bodyReply') : t('conversation:Composer.bodyNote')}
        </label>
        <VoiceField textarea={textarea} text={body} issues={voice.issues}>
          <textarea
            ref={textarea}
            id={ids.body}
            className="input textarea composer__body"
            value={body}
            rows={3}
            maxLength={20_000}
            placeholder={mode === 'reply' ? t('conversation:Composer.placeholderReply') : t('conversation:Composer.placeholderNote')}
            aria-describedby={sms ? ids.counter : undefined}
            {...templates.textareaProps}
            onChange={(e) => {
              change({ body: e.target.value });
              typed();
            }}
            onKeyDown={onKeyDown}
            onBlur={stopTyping}
          />
        </VoiceField>
        {templates.picker}
        {voice.panel}

        {warnings.length > 0 ? (
          <Notice tone="warning">
            <ul className="composer__warnings">
              {warnings.map((w) => (
                <li key={w}>{t(`conversation:Warning.${w}`, { time: customerClock, start: detail.quietHours.start, end: detail.quietHours.end })}</li>
              ))}
            </ul>
          </Notice>
        ) : null}
        {error ? (
          <Notice
            tone="error"
            action={
              lost !== null && !body ? (
                <button type="button" className="btn btn--small" onClick={() => (change({ body: lost }), setLost(null))}>
                  {t('conversation:Composer.restore')}
                </button>
              ) : undefined
            }
          >
            {error.message === 'NOT_SENT' ? t('conversation:Composer.queuedNotSent') : errorText(t, error)}
          </Notice>
        ) : null}
        {queued.length > 0 ? (
          <ul className="composer__queue" aria-label={t('conversation:Composer.queueLabel')}>
            {queued.map((item) => (
              <li key={item.clientId} className="composer__queued">
                <Icon name="clock" />
                <span className="composer__queued-text">{item.input.body}</span>
                <span className="muted small">{item.state === 'sending' ? t('conversation:Composer.sending') : t('conversation:Composer.waiting')}</span>
              </li>
            ))}
          </ul>
        ) : null}

        {mode === 'reply' ? (
          <div className="composer__files">
            <input
              ref={fileInput}
              id={ids.files}
              type="file"
              multiple
              className="visually-hidden"
              tabIndex={-1}
              aria-label={t('conversation:Composer.attachInput')}
              disabled={!canAttach}
              onChange={(e) => {
                addFiles(e.target.files);
                e.target.value = '';
              }}
            />
            <button
              type="button"
              className="btn btn--ghost btn--small"
              disabled={!canAttach}
              aria-describedby={channel && NO_FILES.has(channel) ? ids.filesHint : undefined}
              onClick={() => fileInput.current?.click()}
            >
              <Icon name="paperclip" /> {t('conversation:Composer.attach')}
            </button>
            {channel && NO_FILES.has(channel) ? (
              <span id={ids.filesHint} className="muted small">
                {t('conversation:Composer.smsNoFiles')}
              </span>
            ) : dragging && canAttach ? (
              <span className="muted small">{t('conversation:Composer.dropHint')}</span>
            ) : null}
            {files.length > 0 ? (
              <ul className="composer__chips" aria-label={t('conversation:Composer.attachments')}>
                {files.map((f) => (
                  <li key={f.key} className={`chip composer__chip composer__chip--${f.state}`}>
                    <Icon name="paperclip" /> <span className="composer__chip-name">{f.name}</span>{' '}
                    <span className="muted small">{formatBytes(f.size, locale)}</span>
                    {f.state === 'uploading' ? <progress className="composer__progress" aria-label={t('conversation:Composer.uploading', { name: f.name })} /> : null}
                    {f.state === 'error' ? (
                      <span className="composer__chip-error" role="alert">
                        {f.error === 'tooLarge'
                          ? t('conversation:Composer.fileTooLarge', { limit: formatBytes(ATTACHMENT_LIMITS.fileBytes, locale) })
                          : f.error === 'tooMany'
                            ? t('conversation:Composer.tooManyFiles', { max: ATTACHMENT_LIMITS.perMessage })
                            : t('conversation:Composer.uploadFailed')}
                      </span>
                    ) : null}
                    <button type="button" className="btn btn--ghost btn--icon btn--small" aria-label={t('conversation:Composer.removeFile', { name: f.name })} onClick={() => removeFile(f.key)}>
                      <Icon name="close" />
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
            {files.length > 0 && !canAttach ? <Notice tone="warning">{t('conversation:Composer.smsNoFiles')}</Notice> : null}
          </div>
        ) : null}

        <div className="composer__footer">
          {sms ? (
            <span id={ids.counter} className="composer__counter muted small" aria-live="polite">
              {t('conversation:Composer.smsCounter', {
                encoding: sms.encoding,
                count: sms.segments,
                remaining: sms.remainingInSegment,
              })}
            </span>
          ) : (
            <span />
          )}
          <span className="muted small composer__hint">{t('conversation:Composer.sendHint')}</span>
          <button
            type="button"
            className="btn btn--primary"
            disabled={mode === 'note' ? !body.trim() : !channel || filesBlockSend || (!body.trim() && readyFiles.length === 0)}
            onClick={submit}
          >
            <Icon name={mode === 'reply' ? 'send' : 'edit'} />{' '}
            {mode === 'reply' ? t('conversation:Composer.send') : t('conversation:Composer.addNote')}
          </button>
        </div>
      </div>

      {confirm ? (
        <ConfirmDialog
          key={confirm.input.acknowledged?.join(',')}
          title={t('conversation:Confirm.title')}
          confirmText={t('conversation:Confirm.sendAnyway')}
          icon="send"
          onClose={() => setConfirm(null)}
          run={async () => ({ ok: true as const, data: confirm.input })}
          onDone={(input) => {
            setConfirm(null);
            queueReply(input);
            // The text goes with the queued send; the composer is free for the next one.
            if (latest.current.body === input.body) cleared();
            else if (input.attachments?.length) setFiles([]);
          }}
        >
          <p>{t('conversation:Confirm.intro', { channel: channelLabel(confirm.input.channel) })}</p>
          <ul className="composer__warnings">
            {confirm.warnings.map((w) => (
              <li key={w}>{t(`conversation:Warning.${w}`, { time: customerClock, start: detail.quietHours.start, end: detail.quietHours.end })}</li>
            ))}
          </ul>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
