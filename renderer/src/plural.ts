/** English plural rules (the UI is in English): "1 model", "0 models", "2 models". */
const rules = new Intl.PluralRules('en');

/** `n` followed by the noun in the form `n` asks for, e.g. count(1, 'model') → "1 model". */
export function count(n: number, one: string, other = `${one}s`): string {
  return `${n.toLocaleString('en')} ${rules.select(n) === 'one' ? one : other}`;
}
