// GET /api/me: { "user": { "id" } }, or { "user": null }.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => json({ user: locals.user });
