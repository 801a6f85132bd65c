// Unknown API routes answer JSON, not Next.js's HTML 404 page.
import { jsonError } from '@/lib/http';

function notFound(): Response {
  return jsonError(404, 'NOT_FOUND', 'Not Found');
}

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
