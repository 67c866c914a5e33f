// js-yaml comes with electron-builder (no @types package installed); the one function used here.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
