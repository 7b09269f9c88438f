import { useTranslation } from 'react-i18next';
import { WithTooltip } from '../../components/IconButton';
import { useOthers } from './usePresence';
import './presence.css';

/** Initials of a display name ("Siti Rahma" → "SR"). */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** Avatars of the other connected users (one `presence-avatar` per user) and the local user. */
export function PresenceAvatars({ selfName, selfColor }: { selfName: string; selfColor: string }) {
  const { t } = useTranslation();
  const others = useOthers();
  const shown = others.slice(0, 8);
  const hidden = others.length - shown.length;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of avatars, not a form fieldset
    <div
      className="presence"
      aria-label={t('presence.others', { count: others.length })}
      role="group"
    >
      {shown.map((p) => (
        <WithTooltip key={p.clientId} label={p.name}>
          <span
            className="avatar"
            style={{ background: p.color }}
            data-testid="presence-avatar"
            data-name={p.name}
            aria-label={p.name}
            role="img"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so keyboard users get the name tooltip
            tabIndex={0}
          >
            {initials(p.name)}
          </span>
        </WithTooltip>
      ))}
      {hidden > 0 && <span className="avatar avatar-more">+{hidden}</span>}
      <WithTooltip label={`${selfName} (${t('presence.you')})`}>
        <span
          className="avatar avatar-self"
          style={{ background: selfColor }}
          data-testid="presence-self"
          data-name={selfName}
          aria-label={`${selfName} (${t('presence.you')})`}
          role="img"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so keyboard users get the name tooltip
          tabIndex={0}
        >
          {initials(selfName)}
        </span>
      </WithTooltip>
    </div>
  );
}
