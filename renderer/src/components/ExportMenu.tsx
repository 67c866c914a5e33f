import type { ReactNode } from 'react';
import type { ExportTarget } from '../../../shared/api/schemas/export';
import { useStores } from '../stores/context';
import { Icon } from './icons';
import { useMenuButton } from './useMenuButton';
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

/** A button opening a menu of export formats (keyboard and focus: useMenuButton). */
export function ExportMenu({ label, subject, choices, icon, className, above = false }: Props) {
  const { exports } = useStores();
  const { open, close, wrapperRef, buttonProps, menuProps } = useMenuButton();

  const choose = (choice: ExportChoice) => {
    close(true);
    void exports.getState().start(choice.target, subject);
  };

  return (
    <div className="export-menu" ref={wrapperRef}>
      <button {...buttonProps} type="button" className={className ?? 'button button-small button-quiet'}>
        {icon ?? <ExportIcon />}
        <span>{label}</span>
      </button>
      {open && (
        <div {...menuProps} aria-label={label} className={`export-menu-list${above ? ' is-above' : ''}`}>
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
