export { REDACTED, Redactor, redactText } from './Redactor';
export { redactJsonLines } from './redactJsonLines';
