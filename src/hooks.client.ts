import { config } from 'zod/v4/core';

// Zod parses objects faster with code it compiles through `new Function`, when eval is allowed.
// This app's Content Security Policy never allows it (no 'unsafe-eval'), so Zod always falls back
// to its ordinary parser; but its test for eval is still reported as a CSP violation (in the
// browser's Issues, and by Lighthouse) on every page that parses a record. Skip the test.
// Imported from zod/v4/core so the app's first script gains only Zod's config, not Zod.
config({ jitless: true });
