// Open311 answers in the format the URL asks for (.json or .xml). GeoReport v2 errors are an
// array of { code, description } in JSON, <errors><error>…</error></errors> in XML.
import { XMLBuilder } from 'fast-xml-parser';

export type Open311Format = 'json' | 'xml';

const xmlBuilder = new XMLBuilder({ ignoreAttributes: true, format: false, suppressEmptyNode: false });

/**
 * Splits `requests.json` into its name and format; null when the extension is not one of ours.
 * The router has already decoded the path parameter: decoding again would turn `%25zz` into a
 * URIError (a 500) and `%2541` into `A`.
 */
export function splitFormat(file: string): { name: string; format: Open311Format } | null {
  const m = /^(.+)\.(json|xml)$/i.exec(file);
  if (!m) return null;
  return { name: m[1]!, format: m[2]!.toLowerCase() as Open311Format };
}

function toXml(root: string, body: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${xmlBuilder.build({ [root]: body })}`;
}

/**
 * JSON as is; XML with the element names of the spec. `xml` gives the root element and what
 * the root contains (a list becomes repeated child elements through fast-xml-parser).
 */
export function open311Response(
  format: Open311Format,
  status: number,
  json: unknown,
  xml: { root: string; body: unknown },
): Response {
  if (format === 'xml') {
    return new Response(toXml(xml.root, xml.body), {
      status,
      headers: { 'content-type': 'text/xml; charset=utf-8' },
    });
  }
  return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

export function open311Error(format: Open311Format, status: number, description: string): Response {
  const errors = [{ code: status, description }];
  return open311Response(format, status, errors, { root: 'errors', body: { error: errors } });
}
