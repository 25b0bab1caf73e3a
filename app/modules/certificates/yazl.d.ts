// The part of yazl (zip writing) the cohort's certificate archive uses; it ships no types.
declare module "yazl" {
  import type { Readable } from "node:stream";
  export type EntryOptions = { mtime?: Date; mode?: number; compress?: boolean; compressionLevel?: number; size?: number };
  export class ZipFile {
    outputStream: Readable;
    addBuffer(buffer: Buffer, metadataPath: string, options?: EntryOptions): void;
    addReadStreamLazy(metadataPath: string, options: EntryOptions, open: (callback: (error: Error | null, stream?: Readable) => void) => void): void;
    end(options?: { forceZip64Format?: boolean; comment?: string }, calculatedTotalSize?: (size: number) => void): void;
    on(event: "error", listener: (error: Error) => void): this;
  }
}
