export { REDACTED, Redactor, redactText, secretEnvValues } from './Redactor';
export { redactJsonLines } from './redactJsonLines';
