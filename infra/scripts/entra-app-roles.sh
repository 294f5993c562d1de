#!/usr/bin/env bash
# Registers (or updates) the "Mouazara API" application in Microsoft Entra ID: the two app roles staff and
# finance calls need, v2 access tokens, an application id URI and one delegated scope. Safe to run again:
# role and scope ids are fixed, so a second run changes nothing.
#
#   infra/scripts/entra-app-roles.sh [--display-name "Mouazara API"] [--allow-azure-cli] [--console-url https://<app>.azurewebsites.net]
#
# --console-url registers the staff console (served by the Function App at /console/) as a single-page
# application of the same registration: <url>/console/ becomes a SPA redirect URI (repeat the flag for more hosts).
#
# Needs the Azure CLI signed in (`az login`) as someone allowed to register applications (Application
# Developer or higher). It prints the values for `azd env set`; infra/README.md explains the rest, including
# assigning people or groups to the roles.
set -euo pipefail

display_name="Mouazara API"
allow_azure_cli=false
console_urls=()
while [ $# -gt 0 ]; do
  case "$1" in
    --display-name) display_name="$2"; shift 2 ;;
    --allow-azure-cli) allow_azure_cli=true; shift ;;
    --console-url) console_urls+=("${2%/}/console/"); shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "Unknown argument: $1" >&2; exit 2 ;;
  esac
done

# Fixed ids: Entra ID identifies roles and scopes by id, so keeping them stable keeps every assignment.
staff_role_id="ee503c4b-342f-448c-8418-55adcdb0ad42"     # Mouazara.Staff   (src/Mouazara/Security/AuthOptions.cs, Roles.Staff)
finance_role_id="8a63b87b-97b4-4b4e-8de6-a5f81d9aca2a"   # Mouazara.Finance (Roles.Finance)
scope_id="8628f5e9-9352-4b9a-9fe7-8738ec586579"          # Mouazara.Access, the delegated scope clients request
azure_cli_client_id="04b07795-8ddb-461a-bbee-02f9e1bf7b46" # Microsoft Azure CLI, a first-party public client

tenant_id="$(az account show --query tenantId --output tsv)"

app_id="$(az ad app list --display-name "$display_name" --query "[0].appId" --output tsv)"
if [ -z "$app_id" ]; then
  echo "Creating the app registration \"$display_name\"…" >&2
  app_id="$(az ad app create --display-name "$display_name" --sign-in-audience AzureADMyOrg --query appId --output tsv)"
else
  echo "Updating the app registration \"$display_name\" ($app_id)…" >&2
fi
object_id="$(az ad app show --id "$app_id" --query id --output tsv)"

# Application id URI api://<client id>: always allowed, unique, and what clients ask a token for.
az ad app update --id "$app_id" --identifier-uris "api://$app_id" >/dev/null

# The API's token version and delegated scope; pre-authorised clients refer to the scope by id.
api_json() {
  cat <<JSON
{
  "requestedAccessTokenVersion": 2,
  "oauth2PermissionScopes": [
    {
      "id": "$scope_id",
      "value": "Mouazara.Access",
      "type": "User",
      "isEnabled": true,
      "adminConsentDisplayName": "Call the Mouazara API",
      "adminConsentDescription": "Lets the client call the Mouazara API as the signed-in user, within that user's Mouazara roles.",
      "userConsentDisplayName": "Call the Mouazara API",
      "userConsentDescription": "Lets the client call the Mouazara API for you, within your Mouazara roles."
    }
  ],
  "preAuthorizedApplications": $1
}
JSON
}

roles_json="$(cat <<JSON
[
  {
    "id": "$staff_role_id",
    "value": "Mouazara.Staff",
    "displayName": "Mouazara staff",
    "description": "Programme staff: read applications, decide flagged cases, manage editions.",
    "allowedMemberTypes": ["User", "Application"],
    "isEnabled": true
  },
  {
    "id": "$finance_role_id",
    "value": "Mouazara.Finance",
    "displayName": "Mouazara finance",
    "description": "Finance officers: release tranches with their payment reference.",
    "allowedMemberTypes": ["User", "Application"],
    "isEnabled": true
  }
]
JSON
)"

patch_application() {
  az rest --method PATCH --uri "https://graph.microsoft.com/v1.0/applications/$object_id" \
    --headers "Content-Type=application/json" --body "$1" >/dev/null
}

# Through Microsoft Graph, for what `az ad app update` cannot set: roles, token version, scope. The scope must
# exist before a client is pre-authorised for it, hence two steps.
patch_application "{\"appRoles\": $roles_json, \"api\": $(api_json '[]')}"
if [ "$allow_azure_cli" = true ]; then
  patch_application "{\"api\": $(api_json "[{\"appId\":\"$azure_cli_client_id\",\"delegatedPermissionIds\":[\"$scope_id\"]}]")}"
fi

# The console signs people in with MSAL (authorization code flow with PKCE): its page is a SPA redirect URI.
if [ ${#console_urls[@]} -gt 0 ]; then
  uris="$(printf '"%s",' "${console_urls[@]}")"
  patch_application "{\"spa\": {\"redirectUris\": [${uris%,}]}}"
fi

# The enterprise application (service principal) holds the role assignments. Requiring an assignment means
# nobody without a Mouazara role can even obtain a token for the API.
if ! az ad sp show --id "$app_id" >/dev/null 2>&1; then
  az ad sp create --id "$app_id" >/dev/null
fi
az ad sp update --id "$app_id" --set appRoleAssignmentRequired=true >/dev/null

cat <<OUT

Done. For provisioning:

  azd env set MOUAZARA_API_CLIENT_ID $app_id

The app will accept tokens with
  Auth__Authority = https://login.microsoftonline.com/$tenant_id/v2.0   (set by the template)
  Auth__Issuer    = https://login.microsoftonline.com/$tenant_id/v2.0   (set by the template)
  Auth__Audience  = $app_id                                             (v2 tokens carry the client id)

Assign people or groups to Mouazara.Staff ($staff_role_id) and Mouazara.Finance ($finance_role_id):
see "Staff and finance sign-in" in infra/README.md.
OUT
