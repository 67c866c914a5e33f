/**
 * The page objects of the browser E2E suite, reused so both suites drive the UI
 * through the same roles and names (New chat, the Conversations navigation,
 * Rename conversation, Conversation title). Adjust selectors there, once.
 */
export { SpoolPage } from '../e2e/pages/SpoolPage';
export { ConversationRow } from '../e2e/pages/ConversationRow';
