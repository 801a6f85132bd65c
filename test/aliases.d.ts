// The suite installs two majors of each framework under aliases; both are typed as the current one.
declare module 'express4' {
  import express = require('express');
  export = express;
}
declare module 'express5' {
  import express = require('express');
  export = express;
}
declare module 'koa2' {
  import Koa = require('koa');
  export = Koa;
}
declare module 'koa3' {
  import Koa = require('koa');
  export = Koa;
}
declare module 'fastify4' {
  import fastify = require('fastify');
  export = fastify;
}
declare module 'fastify5' {
  import fastify = require('fastify');
  export = fastify;
}
declare module 'hono40' {
  export * from 'hono';
}
