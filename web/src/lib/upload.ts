import { ApiError, apiFailure, apiHeaders, parseBody } from './api.js';

// A write to the API that reports how much of its body has gone: fetch cannot tell, so this
// one call goes by XMLHttpRequest, with the same cookie, CSRF header and errors as `api`.

export interface UploadOptions {
  /** Called as the body goes: bytes sent of the total. */
  onProgress?(sent: number, total: number): void;
  /** Called once the whole body has gone and the node is working on it. */
  onSent?(): void;
  signal?: AbortSignal;
}

export function apiUpload<T>(path: string, body: Blob, opts: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(apiHeaders('POST', true))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => opts.onProgress?.(e.loaded, e.lengthComputable ? e.total : body.size);
    xhr.upload.onload = () => opts.onSent?.();
    xhr.onload = () => {
      const answer = parseBody(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(answer as T);
      else reject(apiFailure(xhr.status, xhr.statusText, answer));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'the upload did not reach the node'));
    xhr.onabort = () => reject(new DOMException('the upload was cancelled', 'AbortError'));
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}
