/** Local models (GGUF through node-llama-cpp, in a worker): see README.md. */
export { LocalModels, LOCAL_PROVIDER_ID, tuningFromEnv, type LocalModelsOptions } from './LocalModels';
export { streamLocalReply, type LocalRuntime, type LocalTuning } from './streamLocalReply';
export { defaultThreads, physicalCores } from './threads';
export { LocalModelError, readLocalModelInfo } from './ggufInfo';
