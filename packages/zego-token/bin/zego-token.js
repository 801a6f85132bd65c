#!/usr/bin/env node
// The `zego-token` command. A stable file, so package managers can link the bin before `dist/` is built.
import '../dist/cli.js';
