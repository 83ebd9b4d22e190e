/**
 * A template file that cannot be read as a CloudFormation template (missing, too large, not JSON/YAML, wrong shape):
 * a one-line reason naming the file, never template text (it may hold secrets). The CLI reports it as a usage error.
 */
export class TemplateFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateFileError';
    Object.setPrototypeOf(this, TemplateFileError.prototype);
  }
}
