// Key Vault in RBAC mode for the app's secrets. The app settings hold only Key Vault references
// (@Microsoft.KeyVault(VaultName=…;SecretName=…), no version: the latest version is read), so rotating a
// secret is adding a version here — see docs/operations.md.
//
// Each secret is written only when its parameter is given. Provisioning again without it (as CI does)
// leaves the vault's current version alone, so a rotated secret is never rolled back by a deployment.

param name string
param location string
param tags object

@description('Log Analytics workspace that receives the vault\'s audit log (who read which secret, when).')
param workspaceId string

@description('Names of the secrets (main.bicep keyVaultSecretNames).')
param secretNames object

@description('Keep deleted vaults and secrets unrecoverable-by-purge for the retention period. Leave on in production.')
param enablePurgeProtection bool

@secure()
param sendGridApiKey string

@secure()
param linkSigningKey string

@secure()
param linkPreviousSigningKey string

@secure()
param intakeSecretGeneric string

@secure()
param intakeSecretKobo string

@secure()
param intakeSecretTypeform string

@secure()
param intakeSecretTally string

@secure()
param intakeApiKeyKobo string

@secure()
param intakeApiKeyTypeform string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// The secrets' names, shared with api.bicep, whose app settings reference them by name.
var names = secretNames

resource sendGrid 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: names.sendGridApiKey
  properties: {
    value: sendGridApiKey
    contentType: 'SendGrid API key (Mail Send permission only)'
  }
}

resource linkKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(linkSigningKey)) {
  parent: vault
  name: names.linkSigningKey
  properties: {
    value: linkSigningKey
    contentType: 'base64, at least 32 bytes: signs emailed links'
  }
}

// Seeded with the signing key itself when no previous key is given: the app then accepts one key, and the
// setting always resolves (an unresolved reference would reach the app as its literal text).
resource previousLinkKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(linkSigningKey) || !empty(linkPreviousSigningKey)) {
  parent: vault
  name: names.linkPreviousSigningKey
  properties: {
    value: empty(linkPreviousSigningKey) ? linkSigningKey : linkPreviousSigningKey
    contentType: 'base64: the link key before the last rotation, still accepted'
  }
}

resource intakeGeneric 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(intakeSecretGeneric)) {
  parent: vault
  name: names.intakeGeneric
  properties: {
    value: intakeSecretGeneric
    contentType: 'HMAC secret of the generic intake webhook'
  }
}

resource intakeKobo 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(intakeSecretKobo)) {
  parent: vault
  name: names.intakeKobo
  properties: {
    value: intakeSecretKobo
    contentType: 'KoboToolbox REST Service credentials'
  }
}

resource intakeTypeform 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(intakeSecretTypeform)) {
  parent: vault
  name: names.intakeTypeform
  properties: {
    value: intakeSecretTypeform
    contentType: 'Typeform webhook secret'
  }
}

resource intakeTally 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(intakeSecretTally)) {
  parent: vault
  name: names.intakeTally
  properties: {
    value: intakeSecretTally
    contentType: 'Tally signing secret'
  }
}

// Credentials the app downloads applicants' files with, from links in KoboToolbox and Typeform deliveries
// (Tally's links carry their own signature and need none).
resource intakeApiKobo 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(intakeApiKeyKobo)) {
  parent: vault
  name: names.intakeApiKeyKobo
  properties: {
    value: intakeApiKeyKobo
    contentType: 'KoboToolbox API key of the project owner (file downloads)'
  }
}

resource intakeApiTypeform 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(intakeApiKeyTypeform)) {
  parent: vault
  name: names.intakeApiKeyTypeform
  properties: {
    value: intakeApiKeyTypeform
    contentType: 'Typeform personal access token, responses:read only (file downloads)'
  }
}

resource audit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

output name string = vault.name
output id string = vault.id
