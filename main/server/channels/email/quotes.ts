// Where the customer's own words end in a plain-text reply: the desk collapses the quoted history and the
// signature below that point. Offsets are into the text as given, so the desk can slice without re-parsing.

export interface TextLayout {
  /** Start of the quoted history ("On … wrote:", «… написал(а):», "> " lines), or null. */
  quoteStart: number | null;
  /** Start of the signature ("-- ", «С уважением», "Sent from my …"), or null. */
  signatureStart: number | null;
}

// A quote header ends its line: "On Mon, 1 Jan 2026, Ivan <i@x.ru> wrote:" / "… Иван <i@x.ru> написал(а):".
const QUOTE_HEADER = /(\bwrote|написал(?:\(а\)|а)?|пишет)\s*:\s*$/i;
const QUOTE_SEPARATOR = /^\s*-{2,}\s*(original message|исходное сообщение|пересылаемое сообщение|forwarded message)\s*-{2,}\s*$/i;
/** How a quote header begins: "On …", «В …», or a date. */
const HEADER_OPENING = /^\s*(on\b|в\s|\d)/i;
const SIGN_OFF = /^\s*(с уважением|с наилучшими пожеланиями|всего (доброго|хорошего)|best regards|kind regards|regards|best wishes)[\s,.!]*$/i;
const SENT_FROM = /^\s*(sent from my|отправлено (с|из)|sent with|get outlook for)\s/i;
/** A sign-off further up than this is more likely a sentence of the message than its signature. */
const SIGN_OFF_MAX_LINES_FROM_END = 8;

interface Line {
  text: string;
  start: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const text_ of text.split('\n')) {
    lines.push({ text: text_.replace(/\r$/, ''), start });
    start += text_.length + 1;
  }
  return lines;
}

const isQuoted = (line: Line) => line.text.trimStart().startsWith('>');
const isBlank = (line: Line) => line.text.trim() === '';

function findQuoteStart(lines: Line[]): number | null {
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (QUOTE_SEPARATOR.test(line.text)) return i;
    if (!isQuoted(line) && QUOTE_HEADER.test(line.text)) {
      // Clients wrap a long header: "On Mon, 1 Jan 2026 at 10:00, Ivan Petrov\n<ivan@x.ru> wrote:".
      const previous = lines[i - 1];
      const wrapped = previous && HEADER_OPENING.test(previous.text) && !HEADER_OPENING.test(line.text);
      return wrapped ? i - 1 : i;
    }
  }
  // Without a header, only a trailing run of "> " lines is history; interleaved quotes are part of the answer.
  let start: number | null = null;
  for (let i = lines.length - 1; i >= 1; i -= 1) {
    const line = lines[i]!;
    if (isQuoted(line)) start = i;
    else if (!isBlank(line)) break;
  }
  return start;
}

function findSignatureStart(lines: Line[], end: number): number | null {
  for (let i = 1; i < end; i += 1) {
    if (lines[i]!.text === '-- ' || lines[i]!.text === '--') return i;
  }
  const nonBlank = lines.slice(0, end).filter((line) => !isBlank(line)).length;
  let seen = 0;
  for (let i = 1; i < end; i += 1) {
    const line = lines[i]!;
    if (isBlank(line)) continue;
    seen += 1;
    if ((SIGN_OFF.test(line.text) || SENT_FROM.test(line.text)) && nonBlank - seen < SIGN_OFF_MAX_LINES_FROM_END) return i;
  }
  return null;
}

export function findTextLayout(text: string): TextLayout {
  const lines = splitLines(text);
  const quote = findQuoteStart(lines);
  const signature = findSignatureStart(lines, quote ?? lines.length);
  return {
    quoteStart: quote === null ? null : lines[quote]!.start,
    signatureStart: signature === null ? null : lines[signature]!.start,
  };
}
