export {
  ComponentSettingField,
  COMPONENT_SETTING_FIELD,
  tierDefaultHint,
} from './ComponentSettingField';
