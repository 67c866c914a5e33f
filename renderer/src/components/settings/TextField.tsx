import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'className'>;

/**
 * A labelled text input of the settings forms: the label names the input (the E2E
 * tests find it by that name), and anything after it (a hint, a datalist) is passed as
 * children.
 */
export function TextField({
  label,
  value,
  onValue,
  wide = false,
  children,
  ...input
}: InputProps & {
  label: string;
  value: string;
  onValue(value: string): void;
  wide?: boolean;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <div className={wide ? 'field field-wide' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input id={id} className="input" value={value} onChange={(e) => onValue(e.target.value)} {...input} />
      {children}
    </div>
  );
}
