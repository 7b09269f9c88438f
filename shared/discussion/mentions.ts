/** `@name` mentions in message bodies, for highlighting. */

import type { BodySegment, Participant } from './types';

const WORD = /[\p{L}\p{N}_]/u;

/**
 * Splits `body` into text and mention segments. A mention is `@` at the start
 * or after a non-word character, followed by a participant's name
 * (case-insensitive; names may contain spaces) that ends at a non-word
 * character or the end. The longest matching name wins, so "@Budi Santoso"
 * beats "@Budi". Emails (`a@b.id`) are not mentions.
 */
export function parseMentions(body: string, participants: readonly Participant[]): BodySegment[] {
  const named = participants
    .filter((p) => p.name.trim().length > 0)
    .map((p) => ({ p, name: p.name.trim(), lower: p.name.trim().toLocaleLowerCase() }))
    .sort((a, b) => b.name.length - a.name.length);
  const segments: BodySegment[] = [];
  let textStart = 0;
  let i = 0;
  while (i < body.length) {
    const at = body.indexOf('@', i);
    if (at < 0) break;
    const before = at > 0 ? body[at - 1] : undefined;
    let matched: { p: Participant; len: number } | null = null;
    if (before === undefined || !WORD.test(before)) {
      for (const n of named) {
        // Compare slice by slice: lower-casing the whole body could change its length.
        const candidate = body.slice(at + 1, at + 1 + n.name.length);
        if (candidate.toLocaleLowerCase() !== n.lower) continue;
        const after = body[at + 1 + n.name.length];
        if (after !== undefined && WORD.test(after)) continue;
        matched = { p: n.p, len: n.name.length + 1 };
        break;
      }
    }
    if (!matched) {
      i = at + 1;
      continue;
    }
    if (at > textStart) segments.push({ kind: 'text', text: body.slice(textStart, at) });
    segments.push({
      kind: 'mention',
      text: body.slice(at, at + matched.len),
      participant: matched.p,
    });
    i = at + matched.len;
    textStart = i;
  }
  if (textStart < body.length) segments.push({ kind: 'text', text: body.slice(textStart) });
  return segments;
}

/** Participants mentioned in `body` (each once, in order of first mention). */
export function mentionedParticipants(
  body: string,
  participants: readonly Participant[],
): Participant[] {
  const seen = new Map<string, Participant>();
  for (const s of parseMentions(body, participants)) {
    if (s.kind === 'mention' && !seen.has(s.participant.id)) {
      seen.set(s.participant.id, s.participant);
    }
  }
  return [...seen.values()];
}
