/**
 * A person's colour (presence, comment avatars): derived from their account id, so
 * it is the same on every device and in what the server stamps on their comments.
 */
export const USER_COLOURS = [
  '#c2410c',
  '#0f766e',
  '#7c3aed',
  '#be123c',
  '#1d4ed8',
  '#a16207',
  '#15803d',
  '#9d174d',
  '#0e7490',
  '#6d28d9',
] as const;

/** FNV-1a over the id → one of {@link USER_COLOURS}. */
export function userColour(userId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    h ^= userId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return USER_COLOURS[h % USER_COLOURS.length] ?? USER_COLOURS[0];
}
