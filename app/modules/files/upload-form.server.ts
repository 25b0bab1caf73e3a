// Reads a form that may carry a file. Parts over their limit are read to the
// end and dropped rather than aborting the request: the browser then gets the
// page with a clear message instead of a broken connection, and memory holds
// no more than one allowed file.
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";

/** Text fields are short; anything longer than this is not from our forms. */
const MAX_TEXT_FIELD_BYTES = 16 * 1024;

export type UploadForm = {
  formData: FormData;
  /** Files that were over the limit: the field and the name the browser gave. */
  tooLarge: { field: string; fileName: string }[];
  /**
   * A multipart body that could not be read. Browsers send a file's name as it
   * is, and the parser stops at a ";" or "=" in it: the page says so rather
   * than ignoring the upload.
   */
  unreadable: boolean;
};

function isMultipart(request: Request): boolean {
  return request.headers.get("Content-Type")?.toLowerCase().startsWith("multipart/form-data") ?? false;
}

/**
 * The request's form: multipart with files for `fileFields` (one of each kept,
 * up to `maxFileBytes`), or an ordinary form.
 */
export async function readUploadForm(
  request: Request,
  options: { fileFields: readonly string[]; maxFileBytes: number },
): Promise<UploadForm> {
  const tooLarge: UploadForm["tooLarge"] = [];
  const seen = new Set<string>();
  const handler: UploadHandler = async ({ name, filename, contentType, data }) => {
    const isFile = typeof filename === "string";
    const wanted = isFile ? options.fileFields.includes(name) && !seen.has(name) : true;
    const limit = isFile ? options.maxFileBytes : MAX_TEXT_FIELD_BYTES;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (wanted && size <= limit) chunks.push(chunk);
    }
    if (!wanted) return undefined;
    if (size > limit) {
      if (isFile) tooLarge.push({ field: name, fileName: filename });
      return undefined;
    }
    if (!isFile) return new TextDecoder().decode(concat(chunks, size));
    seen.add(name);
    return new File([concat(chunks, size)], filename, { type: contentType });
  };
  try {
    if (!isMultipart(request)) return { formData: await request.formData(), tooLarge, unreadable: false };
    return { formData: await unstable_parseMultipartFormData(request, handler), tooLarge, unreadable: false };
  } catch (error) {
    // A body that is not a well-formed form (or not a form at all) is bad input, not a server fault.
    if (error instanceof TypeError || (error instanceof Error && error.message.startsWith("malformed"))) {
      return { formData: new FormData(), tooLarge, unreadable: isMultipart(request) };
    }
    throw error;
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}
