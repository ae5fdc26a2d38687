/**
 * The SDK's values the client needs, and the only module that imports them: the bundler builds this module into a
 * file of its own (dist/sdk.js), required the first time a client is made. The SDK and its dependencies are about
 * 40 % of the extension's code, and compiling them at every window's activation would be paid by users who never
 * make a call in that window. Types may still be imported from the SDK anywhere in src/cloud/: they are erased.
 */
export { Client as PostgresClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/postgres/v20170312/postgres_client';
export { Client as VpcClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_client';
export { default as TencentCloudSDKHttpException } from 'tencentcloud-sdk-nodejs/tencentcloud/common/exception/tencent_cloud_sdk_exception';
