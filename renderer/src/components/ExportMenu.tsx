import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ExportTarget } from '../../../shared/api/schemas/export';
import { useStores } from '../stores/context';
import { Icon } from './icons';
import '../styles/exports.css';

export interface ExportChoice {
  label: string;
  target: ExportTarget;
}

interface Props {
  /** The button's words, e.g. "Export" or "Export conversation". */
  label: string;
  /** What is exported, for the progress toast and errors ("Reply", "Conversation"…). */
  subject: string;
  choices: readonly ExportChoice[];
  icon?: ReactNode;
  className?: string;
  /** Opens upwards, for buttons near the bottom of the window. */
  above?: boolean;
}

/**
 * A button opening a menu of export formats (the WAI-ARIA menu button pattern): arrows
 * move, Home/End jump, Esc or a click outside closes and gives focus back to the button.
 */
export function ExportMenu({ label, subject, choices, icon, className, above = false }: Props) {
  const { exports } = useStores();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointerDown = (e: PointerEvent) => {
      if (!wrapperRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onMenuKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => items[(to + items.length) % items.length]?.focus();
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') return setOpen(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const choose = (choice: ExportChoice) => {
    close(true);
    void exports.getState().start(choice.target, subject);
  };

  return (
    <div className="export-menu" ref={wrapperRef}>
      <button
        ref={buttonRef}
        type="button"
        className={className ?? 'button button-small button-quiet'}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((was) => !was)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {icon ?? <ExportIcon />}
        <span>{label}</span>
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          className={`export-menu-list${above ? ' is-above' : ''}`}
          onKeyDown={onMenuKeyDown}
        >
          {choices.map((choice) => (
            <button
              key={choice.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="export-menu-item"
              onClick={() => choose(choice)}
            >
              {choice.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

export const ExportIcon = () => (
  <Icon>
    <path d="M12 4v11M7.5 10.5 12 15l4.5-4.5" />
    <path d="M5 19h14" />
  </Icon>
);
