import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useTranslation } from 'react-i18next';
import { WithTooltip } from '../../components/IconButton';
import type { Person } from './presenceStore';
import { usePeople, useSelfDevices } from './usePresence';
import './presence.css';

/** Initials of a display name ("Siti Rahma" → "SR"). */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

function useLabel() {
  const { t } = useTranslation();
  return (name: string, devices: number) =>
    devices > 1
      ? t('presence.withDevices', { name, devices: t('presence.devices', { count: devices }) })
      : name;
}

function Avatar({ person }: { person: Person }) {
  const label = useLabel()(person.name, person.devices);
  return (
    <WithTooltip label={label}>
      <span
        className="avatar"
        style={{ background: person.color }}
        data-testid="presence-avatar"
        data-name={person.name}
        data-devices={person.devices}
        aria-label={label}
        role="img"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so keyboard users get the name tooltip
        tabIndex={0}
      >
        {initials(person.name)}
        {person.devices > 1 && (
          <span className="avatar-devices" aria-hidden>
            {person.devices}
          </span>
        )}
      </span>
    </WithTooltip>
  );
}

/**
 * Avatars of the people connected — one per account however many devices they
 * use (a laptop and the projector), with the device count — and the local user.
 * Compact (narrow bar): two avatars and a "+N".
 */
export function PresenceAvatars({
  selfName,
  selfColor,
  compact = false,
}: {
  selfName: string;
  selfColor: string;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const people = usePeople();
  const selfDevices = useSelfDevices();
  const label = useLabel();
  const shown = people.slice(0, compact ? 2 : 8);
  const hidden = people.length - shown.length;
  const selfLabel = `${label(selfName, selfDevices)} (${t('presence.you')})`;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of avatars, not a form fieldset
    <div
      className="presence"
      aria-label={t('presence.others', { count: people.length })}
      role="group"
      data-testid="presence"
      data-people={people.length}
    >
      {shown.map((p) => (
        <Avatar key={p.key} person={p} />
      ))}
      {hidden > 0 && <span className="avatar avatar-more">+{hidden}</span>}
      <WithTooltip label={selfLabel}>
        <span
          className="avatar avatar-self"
          style={{ background: selfColor }}
          data-testid="presence-self"
          data-name={selfName}
          data-devices={selfDevices}
          aria-label={selfLabel}
          role="img"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so keyboard users get the name tooltip
          tabIndex={0}
        >
          {initials(selfName)}
          {selfDevices > 1 && (
            <span className="avatar-devices" aria-hidden>
              {selfDevices}
            </span>
          )}
        </span>
      </WithTooltip>
    </div>
  );
}

/** The people connected as items of the header's "⋯" menu (when the avatars do not fit). */
export function PresenceMenuItems({ selfName }: { selfName: string }) {
  const { t } = useTranslation();
  const people = usePeople();
  const selfDevices = useSelfDevices();
  const label = useLabel();
  return (
    <>
      <DropdownMenu.Label className="menu-label">{t('presence.online')}</DropdownMenu.Label>
      {people.map((p) => (
        <DropdownMenu.Item key={p.key} className="menu-item presence-menu-item" disabled>
          <span className="avatar avatar-sm" style={{ background: p.color }} aria-hidden>
            {initials(p.name)}
          </span>
          {label(p.name, p.devices)}
        </DropdownMenu.Item>
      ))}
      <DropdownMenu.Item className="menu-item presence-menu-item" disabled>
        {`${label(selfName, selfDevices)} (${t('presence.you')})`}
      </DropdownMenu.Item>
    </>
  );
}
