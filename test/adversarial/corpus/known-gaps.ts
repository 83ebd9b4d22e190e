/**
 * Cases the rules do not yet get right, by id, with what is missing: a dirty case not (fully) detected, or a clean
 * look-alike that raises a false error. The detection script's figures count them as they are; the corpus test only
 * holds every case NOT listed here to its label, so the list can only shrink. Delete an entry when its case passes.
 */
export const KNOWN_GAPS: { readonly [id: string]: string } = {
  't6-settimeout-string':
    'not yet detected: setTimeout(event.body) is not visibly a string; flagging every non-function timer argument would flag callbacks held in properties',
  't7-permission-star-url-none':
    'by design: function URL permissions are judged through the URL AuthType (FunctionUrlAuth); a URL permission without a URL resource is not reported',
};
