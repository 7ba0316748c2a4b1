// Oversized bodies are refused with 413 before they are read into memory.
import { bodyLimit } from 'hono/body-limit';
import { HubError } from '../../tickets/hub-error';

export const limitBody = (maxBytes: number) =>
  bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new HubError('payload_too_large', `请求体超过 ${Math.round(maxBytes / 1024)} KB 上限`);
    },
  });
