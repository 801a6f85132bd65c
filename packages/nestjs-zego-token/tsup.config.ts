export { default } from '../../tsup.adapter.config.js';
