import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  COMPONENT_SETTING_FIELD,
  ComponentSettingField,
} from './ComponentSettingField';

/** The ComponentSetting field for the new frontend system's scaffolder. */
export const componentSettingFormField = createFormField({
  name: COMPONENT_SETTING_FIELD,
  component: ComponentSettingField,
});
