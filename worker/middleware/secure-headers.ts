// The response headers every answer carries (Hono's secureHeaders), with a strict content policy
// for the pages: scripts, styles, fonts and fetches from the hub's own origin only, no inline
// script or style of any kind (the pages' scripts are files in dashboard/assets/ and /docs, their
// styles files from dashboard/stylesheets.ts, the charts' SVG has no style attributes), nothing
// embeds the hub, and forms post only to it. Images may also be data: URIs (Swagger UI's icons).
// Pages that show a resident's ticket or receipt are never stored by a browser or a proxy, and
// send their address (with the query code) to no other site.
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';

const self = "'self'";

export const contentSecurityPolicy = {
  defaultSrc: [self],
  scriptSrc: [self],
  styleSrc: [self],
  imgSrc: [self, 'data:'],
  fontSrc: [self],
  connectSrc: [self],
  objectSrc: ["'none'"],
  baseUri: [self],
  frameAncestors: ["'none'"],
  formAction: [self],
};

const headers = secureHeaders({
  contentSecurityPolicy,
  xFrameOptions: 'DENY',
  referrerPolicy: 'strict-origin-when-cross-origin',
  // Two years, as the HSTS preload list asks; browsers ignore it on plain http (local development).
  strictTransportSecurity: 'max-age=63072000; includeSubDomains',
  permissionsPolicy: {
    camera: [],
    microphone: [],
    geolocation: [],
    payment: [],
    usb: [],
    serial: [],
    bluetooth: [],
    fullscreen: ['self'],
  },
});

/** Paths whose answers carry a resident's ticket, query code or receipt. */
const residentPaths = /^\/(track|mailbox|api\/v1\/track)(\/|$)/;

export const hubSecureHeaders = createMiddleware(async (c, next) => {
  await headers(c, next);
  if (residentPaths.test(c.req.path)) {
    c.res.headers.set('Cache-Control', 'no-store');
    c.res.headers.set('Referrer-Policy', 'same-origin');
  }
});
