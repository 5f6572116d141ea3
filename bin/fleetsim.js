#!/usr/bin/env node
// fleetsim is written in TypeScript and runs through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
