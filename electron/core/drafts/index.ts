export { DraftStore } from './DraftStore';
export { DraftWriter, type DraftWriterOptions } from './DraftWriter';
