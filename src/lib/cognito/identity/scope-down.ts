/**
 * The session policy Cognito adds to guest (unauthenticated) credentials in the enhanced flow: whatever the
 * unauthenticated role allows, only these services are reachable (developer guide, "IAM roles", scope-down
 * policy list), plus CloudWatch RUM from the managed policy `AmazonCognitoUnauthenticatedIdentities`.
 */
export const GUEST_SCOPE_DOWN_POLICY = Object.freeze({
	Version: '2012-10-17',
	Statement: [
		{
			Sid: 'CognitoGuestScopeDown',
			Effect: 'Allow',
			Action: [
				's3:*', 'dynamodb:*', 'lambda:*', 'sns:*', 'sqs:*', 'firehose:*', 'kinesis:*', 'kinesisanalytics:*',
				'cognito-idp:*', 'cognito-identity:*', 'cognito-sync:*', 'execute-api:*', 'appsync:*', 'geo:*', 'iot:*',
				'lex:*', 'polly:*', 'rekognition:*', 'transcribe:*', 'translate:*', 'comprehend:*', 'personalize:*',
				'mobiletargeting:*', 'ses:*', 'cloudwatch:*', 'logs:*', 'gamelift:*', 'mobileanalytics:*',
				'kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptTo', 'kms:ReEncryptFrom', 'kms:GenerateDataKey',
				'sagemaker:InvokeEndpoint', 'textract:DetectDocumentText', 'textract:AnalyzeDocument', 'sumerian:View*',
				'rum:PutRumEvents',
			],
			Resource: '*',
		},
	],
});
