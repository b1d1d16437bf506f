# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:

    # The AWS connection options every pki.acmpca module accepts. Names and aliases
    # follow amazon.aws so that module_defaults written for it carry over.
    DOCUMENTATION = r'''
options:
  region:
    description:
      - The AWS region to use, for example C(us-east-1).
      - When not set, the region comes from boto3's own configuration chain
        (E(AWS_REGION), E(AWS_DEFAULT_REGION), the profile in the shared config file).
      - When a module is given a CA's ARN, the region named in the ARN is used; setting
        this option to another region is then an error.
    type: str
    aliases: [aws_region]
  endpoint_url:
    description:
      - Send requests to this URL instead of the public AWS endpoint, for example a VPC
        endpoint or a local AWS emulator.
      - When not set, boto3 honours E(AWS_ENDPOINT_URL) and E(AWS_ENDPOINT_URL_ACM_PCA).
      - The rare STS call (M(pki.acmpca.acmpca_info) asking which account the credentials
        belong to) goes to this URL too, as in amazon.aws; so do the AWS Organizations calls
        of M(pki.acmpca.acmpca_info) with O(pki.acmpca.acmpca_info#module:trusted_organization_id).
    type: str
    aliases: [aws_endpoint_url]
  access_key:
    description:
      - AWS access key ID.
      - When not set, boto3's credential chain is used (environment variables, shared
        credentials and config files, container and instance roles).
      - Cannot be combined with O(profile).
    type: str
    aliases: [aws_access_key_id, aws_access_key]
  secret_key:
    description:
      - AWS secret access key. Never logged or returned.
      - Cannot be combined with O(profile).
    type: str
    aliases: [aws_secret_access_key, aws_secret_key]
  session_token:
    description:
      - AWS session token, for temporary credentials. Never logged or returned.
      - Cannot be combined with O(profile).
    type: str
    aliases: [aws_session_token]
  profile:
    description:
      - A named profile from the shared AWS config and credentials files.
      - Cannot be combined with O(access_key), O(secret_key) or O(session_token).
    type: str
    aliases: [aws_profile]
  validate_certs:
    description:
      - Whether to verify the TLS certificate of the endpoint.
      - Only turn this off for a trusted test endpoint. V(false) wins over O(aws_ca_bundle),
        E(AWS_CA_BUNDLE) and the profile's C(ca_bundle).
    type: bool
    default: true
  aws_ca_bundle:
    description:
      - Path to a PEM bundle of certificate authorities used to verify the endpoint,
        for example behind a TLS-inspecting proxy.
      - When not set, boto3 decides, as the AWS CLI does - E(AWS_CA_BUNDLE), else the
        C(ca_bundle) of the profile in use, else its own bundle.
    type: path
  aws_config:
    description:
      - >-
        Extra settings passed to botocore's C(Config), for example
        C({retries: {mode: adaptive, total_max_attempts: 10}}) or C({connect_timeout: 5}).
      - Values given here override the collection's defaults (a 10 second C(connect_timeout);
        standard retry mode with 8 attempts in all).
      - >-
        Retries are decided setting by setting - C(retries.mode) and
        C(retries.total_max_attempts) (or C(retries.max_attempts), which counts retries
        after the first attempt) given here win; else E(AWS_RETRY_MODE) and
        E(AWS_MAX_ATTEMPTS) (attempts in all), else the profile's C(retry_mode) and
        C(max_attempts); else the collection's default.
    type: dict
attributes:
  check_mode:
    support: full
  platform:
    platforms: all
notes:
  - Read-only calls and writes are retried by botocore's own retry modes (standard by default).
    Throttling, transient 5xx answers and dropped connections are retried up to 8 attempts in all
    (unless O(aws_config), the environment or the profile says otherwise), with exponential back-off
    and jitter capped at 20 seconds a wait (about 71 seconds of waiting at most).
  - >-
    Every AWS error ends the task with a one-line C(msg) naming the operation, the AWS error code
    and message and the ARN involved, and returns C(error) (C(code) and C(message), exactly as
    AWS sent them), C(response_metadata) (C(request_id), C(http_status_code) and
    C(retry_attempts) only, no HTTP headers), C(boto3_version) and C(botocore_version). A failure AWS never answered
    (TLS, network, credentials) has no C(error) but a C(reason) naming botocore's exception
    (for example C(SSLError)). These failure keys are the same for every module of the collection.
  - Set the connection options once for every module of the collection with C(module_defaults)
    for C(group/pki.acmpca.acmpca). Settings under C(group/aws) do not reach these modules
    (ansible-core keeps that group for amazon.aws and community.aws); give both groups one set
    of settings with a YAML anchor, as the user guide shows.
requirements:
  - python >= 3.9
  - boto3 >= 1.34.0
  - botocore >= 1.34.0
'''
