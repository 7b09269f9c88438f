import { Search } from 'lucide-react';
import { type KeyboardEvent, useId, useMemo, useState } from 'react';
import type { DirectoryUser } from './types';
import './people.css';

function matches(u: DirectoryUser, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  return [u.name, u.email, u.title].some((f) => (f ?? '').toLowerCase().includes(needle));
}

/**
 * A combobox over people (ARIA 1.2 pattern): type to filter by name, email or
 * jabatan; arrows move, Enter picks. Calls `onPick` and clears itself.
 */
export function PersonPicker({
  people,
  onPick,
  label,
  placeholder,
  emptyText,
  testId,
  disabled = false,
}: {
  people: readonly DirectoryUser[];
  onPick: (user: DirectoryUser) => void;
  label: string;
  placeholder: string;
  emptyText: string;
  testId?: string;
  disabled?: boolean;
}) {
  const listId = useId();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const shown = useMemo(() => people.filter((u) => matches(u, q)).slice(0, 8), [people, q]);
  const current = shown[Math.min(active, shown.length - 1)];

  function pick(u: DirectoryUser) {
    onPick(u);
    setQ('');
    setOpen(false);
    setActive(0);
  }
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, shown.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open && current) {
      e.preventDefault();
      pick(current);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  }

  return (
    <div className="person-picker">
      <Search aria-hidden className="person-picker-icon" />
      <input
        className="input"
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && current ? `${listId}-${current.id}` : undefined}
        placeholder={placeholder}
        value={q}
        disabled={disabled}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        data-testid={testId}
      />
      {open && (
        <div id={listId} role="listbox" aria-label={label} className="person-picker-list">
          {shown.length === 0 ? (
            <div className="person-picker-empty">{emptyText}</div>
          ) : (
            shown.map((u) => (
              <div
                key={u.id}
                id={`${listId}-${u.id}`}
                role="option"
                tabIndex={-1}
                aria-selected={u === current}
                className="person-picker-option"
                data-testid="person-option"
                // mousedown, not click: the input's blur would close the list first
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(u);
                }}
                onMouseEnter={() => setActive(shown.indexOf(u))}
              >
                <span className="person-picker-name">{u.name}</span>
                <span className="person-picker-meta">
                  {[u.title, u.email].filter(Boolean).join(' · ')}
                </span>
              </div>
            ))
          )}
        </div>
      )}
    </div>
  );
}
