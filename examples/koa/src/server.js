// Starts the Koa example: reads the environment, prints what it is running with, listens on PORT.
// `pnpm start:koa` at the repository root builds the packages first and then runs this file.
import { serve } from '../../shared/serve.js';

await serve({ name: 'Koa', loadApp: () => import('./app.js') });
