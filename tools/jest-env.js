// The Lambda handlers under lib/**/runtime load the AWS SDK directly, as they do on Lambda's own Node runtimes;
// under the Node 20 that runs the tests the SDK would print its Node-version notice. The library's own SDK paths set
// this themselves (test/cli/verify-account/no-sdk-warning.test.ts unsets it to prove that).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
